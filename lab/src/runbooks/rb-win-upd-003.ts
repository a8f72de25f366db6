/** Lab semantics of RB-WIN-UPD-003 (Automatic Updates download and install on schedule): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-UPD-003',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { workstation: 'heals' },
  settings: [
    { field: 'noAutoUpdate', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: 'NoAutoUpdate', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'auOptions', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: 'AUOptions', type: 'dword', output: true, bad: ['ne', 4] as const, desired: 4 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', 'NoAutoUpdate', 1]],
});
