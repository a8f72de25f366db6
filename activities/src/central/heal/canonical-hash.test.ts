import { describe, expect, it } from 'vitest';
import { canonicalSha256 } from './canonical-hash.js';
import { patternId } from '../flywheel/flywheel-activities.js';
import { roleOf } from '../inventory/merge-inventory.js';

describe('hashes approvals are bound to', () => {
  it('does not depend on key order (RFC 8785) and allows floats', () => {
    expect(canonicalSha256({ b: 1, a: { d: 0.5, c: 'x' } })).toBe(canonicalSha256({ a: { c: 'x', d: 0.5 }, b: 1 }));
    expect(canonicalSha256({ a: 1 })).not.toBe(canonicalSha256({ a: 2 }));
    expect(canonicalSha256({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a pattern a stable 16-hex id from check, action and params', () => {
    const id = patternId('RB-WIN-A-001', 'RB-WIN-A-001', { b: 2, a: 1 });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(patternId('RB-WIN-A-001', 'RB-WIN-A-001', { a: 1, b: 2 })).toBe(id);
    expect(patternId('RB-WIN-A-001', 'RB-WIN-A-001', { a: 1, b: 3 })).not.toBe(id);
  });
});

describe('inventory roles from AD', () => {
  it('domain controllers by flag, servers by operating system, the rest workstations', () => {
    const c = { name: 'X', dnsHostName: null, enabled: true };
    expect(roleOf({ ...c, operatingSystem: 'Windows Server 2022', domainController: true })).toBe('domain_controller');
    expect(roleOf({ ...c, operatingSystem: 'Windows Server 2019 Standard', domainController: false })).toBe('server');
    expect(roleOf({ ...c, operatingSystem: 'Windows 11 Pro', domainController: false })).toBe('workstation');
    expect(roleOf({ ...c, operatingSystem: null, domainController: false })).toBe('workstation');
  });
});
