/** Lab semantics of RB-WIN-SEC-032 (Anonymous listing of accounts and shares blocked): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-032',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'restrictAnonymousSam', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'RestrictAnonymousSAM', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'restrictAnonymous', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'RestrictAnonymous', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', 'RestrictAnonymousSAM', 0]],
});
