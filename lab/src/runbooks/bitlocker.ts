/** The system drive's BitLocker state as the BitLocker runbooks read it. */
import type { BitLockerVolume, HostState } from '../state/host-state.js';

/** Get-BitLockerVolume exists on clients, and on servers once the BitLocker feature is installed. */
export const bitlockerAvailable = (state: HostState): boolean => state.kind === 'workstation' || state.features.BitLocker === 'Installed';

export function systemVolume(state: HostState): BitLockerVolume {
  let v = state.bitlocker.find((b) => b.mountPoint.toUpperCase() === 'C:');
  if (!v) {
    v = { mountPoint: 'C:', volumeStatus: 'FullyDecrypted', protectionStatus: 'Off', encryptionPercentage: 0, encryptionMethod: 'None', keyProtectors: [] };
    state.bitlocker.push(v);
  }
  return v;
}
