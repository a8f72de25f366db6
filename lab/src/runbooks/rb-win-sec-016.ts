/** Lab semantics of RB-WIN-SEC-016 (Screen locks after inactivity): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-016',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'inactivityTimeoutSecs', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', name: 'InactivityTimeoutSecs', type: 'dword', output: true, bad: ['outside', 1, 'maxInactivitySeconds'] as const, desired: { param: 'maxInactivitySeconds' } },
  ],
  drift: [['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', 'InactivityTimeoutSecs', null]],
});
