/** Lab semantics of RB-WIN-SEC-015 (USB storage devices blocked): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-015',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'usbStorStart', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\USBSTOR', name: 'Start', type: 'dword', output: true, bad: ['ne', 4] as const, desired: 4 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Services\\USBSTOR', 'Start', 0]],
});
