/** Registry access over HostState with Windows semantics: key paths and value names are case-insensitive. */
import type { HostState, RegistryValue } from './host-state.js';

const HIVES: Record<string, string> = { HKEY_LOCAL_MACHINE: 'HKLM', 'HKLM:': 'HKLM', HKEY_CURRENT_USER: 'HKCU', 'HKCU:': 'HKCU' };

/** `HKLM:\SOFTWARE\x` / `HKEY_LOCAL_MACHINE\SOFTWARE\x\` → `HKLM\SOFTWARE\x`. */
export function normalizeKey(path: string): string {
  const parts = path.replace(/\//g, '\\').split('\\').filter((p) => p !== '');
  const hive = parts[0] ?? '';
  parts[0] = HIVES[hive.toUpperCase()] ?? hive.toUpperCase();
  return parts.join('\\');
}

function findKey(state: HostState, path: string): string | undefined {
  const want = normalizeKey(path).toLowerCase();
  return Object.keys(state.registry).find((k) => normalizeKey(k).toLowerCase() === want);
}

export function getRegistryValue(state: HostState, path: string, name: string): RegistryValue | undefined {
  const key = findKey(state, path);
  if (key === undefined) return undefined;
  const values = state.registry[key] ?? {};
  const valueName = Object.keys(values).find((n) => n.toLowerCase() === name.toLowerCase());
  return valueName === undefined ? undefined : values[valueName];
}

/** Like New-Item -Force + New-ItemProperty: creates the key if needed. */
export function setRegistryValue(state: HostState, path: string, name: string, value: RegistryValue): void {
  const key = findKey(state, path) ?? normalizeKey(path);
  const values = (state.registry[key] ??= {});
  const existing = Object.keys(values).find((n) => n.toLowerCase() === name.toLowerCase());
  values[existing ?? name] = value;
}

export function removeRegistryValue(state: HostState, path: string, name: string): boolean {
  const key = findKey(state, path);
  if (key === undefined) return false;
  const values = state.registry[key] ?? {};
  const existing = Object.keys(values).find((n) => n.toLowerCase() === name.toLowerCase());
  if (existing === undefined) return false;
  delete values[existing];
  return true;
}

export const dword = (value: number): RegistryValue => ({ type: 'REG_DWORD', value });
export const sz = (value: string): RegistryValue => ({ type: 'REG_SZ', value });
