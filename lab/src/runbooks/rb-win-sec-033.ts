/** Lab semantics of RB-WIN-SEC-033 (Sign-in screen shows an authorised-use notice): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-033',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'legalNoticeCaption', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', name: 'LegalNoticeCaption', type: 'sz', output: true, bad: ['blank'] as const, desired: { stringParam: 'caption' } },
    { field: 'legalNoticeText', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', name: 'LegalNoticeText', type: 'sz', output: true, bad: ['blank'] as const, desired: { stringParam: 'text' } },
  ],
  drift: [['HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', 'LegalNoticeCaption', '']],
});
