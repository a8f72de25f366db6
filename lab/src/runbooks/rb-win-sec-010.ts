/** Lab semantics of RB-WIN-SEC-010 (Remote Desktop requires Network Level Authentication): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-010',
  version: 1,
  remediate: true,
  rollback: false,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'userAuthentication', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp', name: 'UserAuthentication', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'denyTsConnections', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server', name: 'fDenyTSConnections', type: 'dword', output: true },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp', 'UserAuthentication', 0]],
});
