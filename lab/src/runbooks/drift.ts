/** JSON Patch operations that drift a host's registry or facts (applied through the lab's patch API). */
import type { Operation } from 'fast-json-patch';
import type { HostState, RegistryValue } from '../state/host-state.js';
import { normalizeKey } from '../state/registry.js';

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escape(String(s))}`).join('');
}

/** Sets (or, with null, removes) one registry value, addressing the key as the host document spells it. */
export function registryPatch(state: HostState, path: string, name: string, value: RegistryValue | null): Operation[] {
  const want = normalizeKey(path).toLowerCase();
  const key = Object.keys(state.registry).find((k) => normalizeKey(k).toLowerCase() === want);
  if (value === null) {
    if (key === undefined) return [];
    const existing = Object.keys(state.registry[key] ?? {}).find((n) => n.toLowerCase() === name.toLowerCase());
    return existing === undefined ? [] : [{ op: 'remove', path: pointer('registry', key, existing) }];
  }
  if (key === undefined) return [{ op: 'add', path: pointer('registry', normalizeKey(path)), value: { [name]: value } }];
  const existing = Object.keys(state.registry[key] ?? {}).find((n) => n.toLowerCase() === name.toLowerCase()) ?? name;
  return [{ op: 'add', path: pointer('registry', key, existing), value }];
}

/** Replaces one fact (path below `facts`). */
export function factPatch(path: (string | number)[], value: unknown): Operation {
  return { op: 'add', path: pointer('facts', ...path), value };
}

/** Replaces any part of the host document. */
export function statePatch(path: (string | number)[], value: unknown): Operation {
  return { op: 'add', path: pointer(...path), value };
}
