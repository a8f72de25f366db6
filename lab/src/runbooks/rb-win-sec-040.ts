/** Lab semantics of RB-WIN-SEC-040 (Remote Assistance offers and requests turned off): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-040',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'allowToGetHelp', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', name: 'fAllowToGetHelp', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'allowUnsolicited', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', name: 'fAllowUnsolicited', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', 'fAllowToGetHelp', 1]],
});
