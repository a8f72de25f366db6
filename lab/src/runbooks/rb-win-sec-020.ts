/** Lab semantics of RB-WIN-SEC-020 (SMBv1 disabled): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-020',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'smb1Server', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters', name: 'SMB1', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'smb1ClientDriverStart', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\mrxsmb10', name: 'Start', type: 'dword', output: true, bad: ['present_ne', 4] as const, desired: 4 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters', 'SMB1', 1]],
});
