/** Lab semantics of RB-WIN-SEC-007 (SMB signing required): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-007',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'serverRequireSigning', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters', name: 'RequireSecuritySignature', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'clientRequireSigning', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters', name: 'RequireSecuritySignature', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters', 'RequireSecuritySignature', 0]],
});
