import { describe, expect, it } from 'vitest';
import { buildPacket, type PacketInput } from '@custos/core';
import { notApplicableObservations, recordedScopes, type Attestation, type ControlDefinition, type Observation, type PostureRecordSet } from '@custos/core/posture';
import { dayEnds, FRAMEWORK_LABELS, FRAMEWORKS, meanScore, scoresOverDays } from './compliance-score.js';
import { fleetOverview } from './fleet-overview.js';

const DAY = 86_400_000;
const runbooks = [
  { id: 'RB-BL', version: 3, hostKinds: ['workstation'] },
  { id: 'RB-AV', version: 1, hostKinds: ['workstation', 'server'] },
  { id: 'RB-BK', version: 1, hostKinds: ['server'] },
];
const controls: ControlDefinition[] = [
  { framework: 'hipaa', id: '164.312(a)(2)(iv)', title: 'Encryption', evidence: 'automated', runbooks: ['RB-BL'] },
  { framework: 'hipaa', id: '164.308(a)(5)(ii)(B)', title: 'Malware', evidence: 'partial', runbooks: ['RB-AV'] },
  { framework: 'hipaa', id: '164.308(a)(7)(ii)(A)', title: 'Backup plan', evidence: 'partial', runbooks: ['RB-BK'] },
  { framework: 'hipaa', id: '164.308(a)(2)', title: 'Security official', evidence: 'manual', runbooks: [] },
  { framework: 'soc2', id: 'CC6.8', title: 'Malware', evidence: 'partial', runbooks: ['RB-AV'] },
  { framework: 'cisV8', id: '3.6', title: 'Encrypt end-user devices', evidence: 'automated', runbooks: ['RB-BL'] },
];
const hosts = [
  { id: 'ws1', kind: 'workstation' },
  { id: 'ws2', kind: 'workstation' },
  { id: 'fs1', kind: 'server' },
];
const at = (d: number, h = 6) => new Date(Date.UTC(2026, 9, d, h)).toISOString();

// October 2026 at one practice, scanned daily on the 1st to the 10th: ws2's BitLocker fails from the
// 4th on (still failing); fs1's backup fails on the 6th and passes again on the 8th; the security
// official is attested on the 5th (recorded as evidence).
function result(hostId: string, runbookId: string, d: number): 'pass' | 'fail' {
  if (hostId === 'ws2' && runbookId === 'RB-BL' && d >= 4) return 'fail';
  if (hostId === 'fs1' && runbookId === 'RB-BK' && (d === 6 || d === 7)) return 'fail';
  return 'pass';
}
const scans: Observation[] = [];
for (let d = 1; d <= 10; d++) for (const h of hosts) for (const r of runbooks.filter((x) => x.hostKinds.includes(h.kind))) scans.push({ hostId: h.id, runbookId: r.id, outcome: result(h.id, r.id, d), observedAt: at(d), evidenceId: `scan-${d}` });
const official: Attestation = { framework: 'hipaa', controlId: '164.308(a)(2)', attestedBy: 'Dr Maple', attestedAt: at(5, 12), validUntil: '2027-10-05T12:00:00.000Z', evidenceId: 'sha-official' };

// The same month as the database holds it after those scans.
const records: PostureRecordSet = {
  sites: [{ id: 'site1', clientId: 'client1' }],
  hosts: hosts.map((h) => ({ id: h.id, siteId: 'site1', role: h.kind, createdAt: new Date('2026-09-15T00:00:00Z'), lastSeenAt: new Date(at(10)) })),
  findings: [
    { id: 'f1', siteId: 'site1', hostId: 'ws2', checkId: 'RB-BL', observedAt: new Date(at(4)), resolvedAt: null },
    { id: 'f2', siteId: 'site1', hostId: 'fs1', checkId: 'RB-BK', observedAt: new Date(at(6)), resolvedAt: new Date(at(8)) },
  ],
  disabled: [],
  attestations: [
    { id: 'a1', clientId: 'client1', framework: 'hipaa', controlId: '164.308(a)(2)', attestedByName: 'Dr Maple', attestedAt: new Date(at(5, 12)), validUntil: new Date('2027-10-05T12:00:00Z'), evidenceDigest: 'sha-official' },
  ],
};

const packetInput: PacketInput = {
  packetId: 'packet-client1-2026-10',
  client: { id: 'client1', name: 'Maple Family Practice' },
  branding: { partnerName: 'Northwind MSP', primaryColor: '#0b5394', accentColor: '#e69138' },
  period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'October 2026' },
  previousPeriodEnd: '2026-10-01T00:00:00.000Z',
  sites: [{ id: 'site1', name: 'Main office', hosts: hosts.map((h) => ({ id: h.id, name: h.id.toUpperCase(), kind: h.kind as 'workstation' | 'server' })) }],
  frameworks: [...FRAMEWORKS],
  controls,
  hipaaItems: [],
  observations: [...notApplicableObservations(hosts, runbooks), ...scans],
  attestations: [official],
  incidents: [],
  approvals: [],
  exceptions: [],
  topics: { encryption: [], antivirus: [], patches: [], firewall: [], screenLock: [], backup: [], timeSync: [] },
  evidence: [],
  verifyCommand: 'custos verify ./kit',
};

describe('dashboard scores are the packet\'s posture scores', () => {
  const packet = buildPacket(packetInput);
  const now = Date.parse(packetInput.period.to);
  const site = recordedScopes(records, runbooks).site('site1');

  it('gives the number the packet gives for each framework at the period\'s end', () => {
    // HIPAA: encryption partial (1 of 2 workstations), malware and backup partial (not attested),
    // security official attested → (1 + 3 × ½) / 4 = 62.5. SOC 2: malware partial → 50. CIS: 50.
    expect(packet.posture.map((p) => [p.framework, p.score])).toEqual([
      ['hipaa', 62.5],
      ['soc2', 50],
      ['nistCsf', null],
      ['nist80053', null],
      ['cisV8', 50],
    ]);
    const { scores } = scoresOverDays({ controls, ...site }, 31, now);
    expect(scores).toEqual(Object.fromEntries(packet.posture.map((p) => [p.framework, p.score])));
    const fleet = fleetOverview({
      sites: [{ id: 'site1', name: 'Main office', clientId: 'client1', healingPaused: false, hostCount: 3, applianceStatus: 'online' }],
      controls,
      runbooks,
      records,
      open: [],
      heals: [],
      days: 31,
      now,
    });
    expect(fleet.rows[0]!.scores).toEqual(scores);
  });

  it('draws the trend the packet draws, day by day', () => {
    // Dashboard day D is scored at D's last millisecond; the packet's point dated D+1 at its first.
    const { trend } = scoresOverDays({ controls, ...site }, 32, now);
    expect(new Date(trend[0]!.day).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(trend.slice(0, 31).map((p) => p.scores.hipaa)).toEqual(packet.hipaaScoreTrend.map((p) => p.score));
    // Until the 5th the official is pending; BitLocker fails on ws2 from the 4th; backup on the 6th–7th.
    expect(packet.hipaaScoreTrend.slice(0, 9).map((p) => p.score)).toEqual([50, 50, 50, 37.5, 62.5, 50, 50, 62.5, 62.5]);
  });
});

describe('compliance score helpers', () => {
  it('scores each day at its end, and today now', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(dayEnds(3, now).map((e) => [new Date(e.day).toISOString(), new Date(e.at).toISOString()])).toEqual([
      ['2026-11-24T00:00:00.000Z', '2026-11-24T23:59:59.999Z'],
      ['2026-11-25T00:00:00.000Z', '2026-11-25T23:59:59.999Z'],
      ['2026-11-26T00:00:00.000Z', '2026-11-26T12:00:00.000Z'],
    ]);
    expect(dayEnds(1, now + DAY)[0]!.day).toBe(Date.parse('2026-11-27T00:00:00Z'));
  });

  it('labels the frameworks as the packet does', () => {
    expect(FRAMEWORKS.map((f) => FRAMEWORK_LABELS[f])).toEqual(['HIPAA', 'SOC 2', 'NIST CSF 2.0', 'NIST 800-53', 'CIS v8']);
  });

  it('averages only sites that have a score', () => {
    expect(meanScore([100, null, 50])).toBe(75);
    expect(meanScore([null])).toBeNull();
  });
});
