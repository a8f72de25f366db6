/** Lab semantics of RB-WIN-SEC-008 (NTLMv1 and LM authentication refused): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-008',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'lmCompatibilityLevel', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'LmCompatibilityLevel', type: 'dword', output: true, bad: ['lt', 5] as const, desired: 5 },
    { field: 'noLmHash', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', name: 'NoLMHash', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa', 'LmCompatibilityLevel', 2]],
});
