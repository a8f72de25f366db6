/** Lab semantics of RB-WIN-LOG-002 (PowerShell script block logging on): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-LOG-002',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'enableScriptBlockLogging', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging', name: 'EnableScriptBlockLogging', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging', 'EnableScriptBlockLogging', 0]],
});
