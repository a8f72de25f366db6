/** Lab semantics of RB-WIN-NET-005 (LLMNR name resolution turned off): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-NET-005',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'enableMulticast', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient', name: 'EnableMulticast', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
  ],
  drift: [['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient', 'EnableMulticast', 1]],
});
