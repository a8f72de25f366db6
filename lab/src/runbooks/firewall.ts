/** Windows Firewall profile settings as the registry holds them (what Get-NetFirewallProfile reads). */
import type { HostState } from '../state/host-state.js';
import { dword, getRegistryValue, setRegistryValue } from '../state/registry.js';

export const FIREWALL_POLICY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy';
export const PROFILES = [
  ['Domain', 'DomainProfile'],
  ['Private', 'StandardProfile'],
  ['Public', 'PublicProfile'],
] as const;

const num = (state: HostState, key: string, name: string, fallback: number): number => {
  const v = getRegistryValue(state, key, name);
  return v && typeof v.value === 'number' ? v.value : fallback;
};

/** Effective profile settings; absent values are the Windows defaults (on, inbound blocked, 4 MB log, drops not logged). */
export function profileSettings(state: HostState, key: string) {
  return {
    enabled: num(state, `${FIREWALL_POLICY}\\${key}`, 'EnableFirewall', 1) === 1,
    inboundBlocked: num(state, `${FIREWALL_POLICY}\\${key}`, 'DefaultInboundAction', 1) === 1,
    logBlocked: num(state, `${FIREWALL_POLICY}\\${key}\\Logging`, 'LogDroppedPackets', 0) === 1,
    logKb: num(state, `${FIREWALL_POLICY}\\${key}\\Logging`, 'LogFileSize', 4096),
  };
}

export function setProfileValue(state: HostState, key: string, name: string, value: number, logging = false): void {
  setRegistryValue(state, `${FIREWALL_POLICY}\\${key}${logging ? '\\Logging' : ''}`, name, dword(value));
}
