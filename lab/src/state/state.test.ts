import { describe, expect, it } from 'vitest';
import { defaultState } from './defaults.js';
import { patchState } from './patch.js';
import { SeededRandom } from './random.js';
import { dword, getRegistryValue, normalizeKey, removeRegistryValue, setRegistryValue } from './registry.js';
import { validateState } from './validate.js';

const identity = { computerName: 'FS01', kind: 'server' as const, netbiosDomain: 'CUSTOSLAB', dnsDomain: 'custos.lab', domainSid: 'S-1-5-21-1-2-3', machineSid: 'S-1-5-21-4-5-6', now: new Date('2026-11-01T00:00:00Z') };

describe('host state', () => {
  it('is deterministic per seed and valid for every kind', () => {
    for (const kind of ['dc', 'server', 'workstation'] as const) {
      const a = defaultState({ ...identity, kind }, new SeededRandom(5));
      expect(a).toEqual(defaultState({ ...identity, kind }, new SeededRandom(5)));
      expect(() => validateState(a, kind)).not.toThrow();
      expect(a.ad !== undefined).toBe(kind === 'dc');
    }
  });

  it('reads and writes the registry case-insensitively, with hive aliases', () => {
    const s = defaultState(identity, new SeededRandom(1));
    expect(normalizeKey('HKEY_LOCAL_MACHINE\\Software\\X\\')).toBe('HKLM\\Software\\X');
    setRegistryValue(s, 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters', 'smb1', dword(0));
    expect(getRegistryValue(s, 'hklm\\system\\currentcontrolset\\services\\lanmanserver\\parameters', 'SMB1')).toEqual(dword(0));
    setRegistryValue(s, 'HKLM\\SOFTWARE\\New\\Key', 'V', dword(7));
    expect(getRegistryValue(s, 'HKLM\\SOFTWARE\\New\\Key', 'v')).toEqual(dword(7));
    expect(removeRegistryValue(s, 'HKLM\\SOFTWARE\\New\\Key', 'V')).toBe(true);
    expect(getRegistryValue(s, 'HKLM\\SOFTWARE\\New\\Key', 'V')).toBeUndefined();
  });

  it('applies a JSON Patch to a copy and refuses an invalid result, naming the operation', () => {
    const s = defaultState(identity, new SeededRandom(1));
    const next = patchState(s, [{ op: 'replace', path: '/services/wuauserv/startType', value: 'Disabled' }]);
    expect(next.services.wuauserv?.startType).toBe('Disabled');
    expect(s.services.wuauserv?.startType).not.toBe('Disabled');
    expect(() => patchState(s, { op: 'replace' })).toThrow(/JSON array/);
    expect(() => patchState(s, [{ op: 'move', from: '/a', path: '/b' }])).toThrow(/operation #0/);
    expect(() => patchState(s, [{ op: 'replace', path: '/kind', value: 'laptop' }])).toThrow(/kind must be one of/);
    expect(() => patchState(s, [{ op: 'add', path: '/registry/HKLM\\X', value: { V: { type: 'REG_BOGUS', value: 1 } } }])).toThrow(/not a registry type/);
  });
});
