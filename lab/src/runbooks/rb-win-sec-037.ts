/** Lab semantics of RB-WIN-SEC-037 (Secure Boot enabled): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-037',
  version: 1,
  remediate: false,
  rollback: false,
  cycle: { dc: 'reports', server: 'reports', workstation: 'reports' },
  settings: [
    { field: 'uefiSecureBootEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecureBoot\\State', name: 'UEFISecureBootEnabled', type: 'dword', output: true },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecureBoot\\State', 'UEFISecureBootEnabled', 0]],
});
