import { describe, expect, it } from 'vitest';
import { can, homeFor, mayEnter, ROLES, safeNext } from './zones.js';

describe('zones', () => {
  it('keeps auditors out of the partner zone and everyone else out of the auditor zone', () => {
    for (const role of ROLES) {
      expect(mayEnter(role, 'partner')).toBe(role !== 'auditor');
      expect(mayEnter(role, 'auditor')).toBe(role === 'auditor');
    }
  });

  it('sends each role to a page of its own zone', () => {
    for (const role of ROLES) expect(mayEnter(role, homeFor(role) === '/audit' ? 'auditor' : 'partner')).toBe(true);
  });

  it('offers decisions to approvers only, never to viewers or auditors', () => {
    expect(can({ role: 'client_owner' }, 'decideApprovals')).toBe(true);
    expect(can({ role: 'partner_tech' }, 'decideApprovals')).toBe(true);
    expect(can({ role: 'client_viewer' }, 'decideApprovals')).toBe(false);
    expect(can({ role: 'auditor' }, 'decideApprovals')).toBe(false);
    expect(can(null, 'decideApprovals')).toBe(false);
  });

  it('accepts only same-site paths as a sign-in target', () => {
    expect(safeNext('/sites/1?x=2', '/fleet')).toBe('/sites/1?x=2');
    expect(safeNext('//evil.example/', '/fleet')).toBe('/fleet');
    expect(safeNext('/\\evil.example', '/fleet')).toBe('/fleet');
    expect(safeNext('https://evil.example/', '/fleet')).toBe('/fleet');
    expect(safeNext(null, '/fleet')).toBe('/fleet');
  });
});
