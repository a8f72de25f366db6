/** Lab semantics of RB-WIN-SEC-013 (LSA protection on): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-013',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'runAsPpl', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'RunAsPPL', type: 'dword', output: true, bad: ['notin', [1, 2]] as const, desired: 1 },
    { field: 'lsaCfgFlags', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'LsaCfgFlags', type: 'dword', output: true },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', 'RunAsPPL', 0]],
});
