/** Lab semantics of RB-WIN-AD-004 (Local administrator passwords managed by LAPS): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-AD-004',
  version: 1,
  remediate: false,
  rollback: false,
  cycle: { server: 'reports', workstation: 'reports' },
  settings: [
    { field: 'backupDirectory', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS', name: 'BackupDirectory', type: 'dword', output: true },
    { field: 'legacyAdmPwdEnabled', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft Services\\AdmPwd', name: 'AdmPwdEnabled', type: 'dword', output: true },
  ],
  drift: [['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS', 'BackupDirectory', null], ['HKLM:\\SOFTWARE\\Policies\\Microsoft Services\\AdmPwd', 'AdmPwdEnabled', null]],
});
