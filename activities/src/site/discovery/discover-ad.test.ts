import { describe, expect, it } from 'vitest';
import { readDiscovery } from './discover-ad.js';

describe('AD inventory output', () => {
  it('normalises blank DNS names and operating systems to null', () => {
    expect(readDiscovery({ source: 'LDAP', computers: [{ name: 'WS1', dnsHostName: ' ', operatingSystem: '', enabled: true, domainController: false }] })).toEqual({
      source: 'LDAP',
      computers: [{ name: 'WS1', dnsHostName: null, operatingSystem: null, enabled: true, domainController: false }],
    });
  });

  it('refuses a wrong shape or a computer name that is not a NetBIOS-style name', () => {
    expect(() => readDiscovery({ source: 'nmap', computers: [] })).toThrow(/not \{ source, computers\[\] \}/);
    expect(() => readDiscovery({ source: 'LDAP', computers: [{ name: '../etc', enabled: true }] })).toThrow(/computers\[0\] is not a computer account/);
  });
});
