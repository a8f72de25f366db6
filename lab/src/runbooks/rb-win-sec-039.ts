/** Lab semantics of RB-WIN-SEC-039 (Blank passwords cannot be used over the network): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-039',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'limitBlankPasswordUse', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'LimitBlankPasswordUse', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', 'LimitBlankPasswordUse', 0]],
});
