/** Lab semantics of RB-WIN-RDP-001 (Remote Desktop sessions encrypted and time-limited): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-RDP-001',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'minEncryptionLevel', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', name: 'MinEncryptionLevel', type: 'dword', output: true, bad: ['lt', 3] as const, desired: 3 },
    { field: 'promptForPassword', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', name: 'fPromptForPassword', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'encryptRpcTraffic', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', name: 'fEncryptRPCTraffic', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'maxIdleTime', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', name: 'MaxIdleTime', type: 'dword', output: true, bad: ['outside', 1, 'maxIdleTimeMs'] as const, desired: { param: 'maxIdleTimeMs' } },
  ],
  drift: [['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services', 'MinEncryptionLevel', 0]],
});
