/** Lab semantics of RB-WIN-LOG-004 (Command lines recorded in process-creation events): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-LOG-004',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'includeCommandLine', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit', name: 'ProcessCreationIncludeCmdLine_Enabled', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit', 'ProcessCreationIncludeCmdLine_Enabled', 0]],
});
