/** Lab semantics of RB-WIN-SEC-029 (AutoRun and AutoPlay turned off): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-029',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'noDriveTypeAutoRun', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer', name: 'NoDriveTypeAutoRun', type: 'dword', output: true, bad: ['ne', 255] as const, desired: 255 },
    { field: 'noAutorun', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer', name: 'NoAutorun', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'noAutoplayForNonVolume', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\Explorer', name: 'NoAutoplayfornonVolume', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer', 'NoDriveTypeAutoRun', 0]],
});
