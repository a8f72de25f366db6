/** Lab semantics of RB-WIN-SEC-030 (WDigest does not keep passwords in memory): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-030',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'useLogonCredential', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest', name: 'UseLogonCredential', type: 'dword', output: true, bad: ['present_ne', 0] as const, desired: 0 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest', 'UseLogonCredential', 1]],
});
