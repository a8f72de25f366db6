/** Lab semantics of RB-WIN-SEC-011 (User Account Control enabled): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-011',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'enableLua', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', name: 'EnableLUA', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'consentPromptBehaviorAdmin', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', name: 'ConsentPromptBehaviorAdmin', type: 'dword', output: true, bad: ['notin', [1, 2, 3, 4, 5]] as const, desired: 2 },
    { field: 'promptOnSecureDesktop', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', name: 'PromptOnSecureDesktop', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', 'EnableLUA', 0]],
});
