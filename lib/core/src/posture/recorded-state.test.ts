import { describe, expect, it } from 'vitest';
import { buildPacket } from '../packet/build-packet.js';
import type { PacketInput } from '../packet/types.js';
import {
  frameworkPosture,
  nextPostureChange,
  notApplicableObservations,
  recordedObservations,
  recordedScopes,
  scoreSeries,
  type Attestation,
  type ControlDefinition,
  type Observation,
  type PostureRecordSet,
} from './index.js';

// One history told twice: as the signed scan evidence the packet reads, and as the operational
// record (hosts, findings, attestation rows) the API and the dashboard read. From the first scan on,
// both must give the same statuses and the same scores.

const runbooks = [
  { id: 'bitlocker', version: 1, hostKinds: ['workstation'] },
  { id: 'defender', version: 2, hostKinds: ['workstation', 'server'] },
  { id: 'backup', version: 1, hostKinds: ['server'] },
];
const controls: ControlDefinition[] = [
  { framework: 'hipaa', id: 'enc', title: 'Encryption', evidence: 'automated', runbooks: ['bitlocker'] },
  { framework: 'hipaa', id: 'av', title: 'Malware', evidence: 'partial', runbooks: ['defender'] },
  { framework: 'hipaa', id: 'backup-plan', title: 'Backup plan', evidence: 'partial', runbooks: ['backup'] },
  { framework: 'hipaa', id: 'officer', title: 'Security official', evidence: 'manual', runbooks: [] },
  { framework: 'soc2', id: 'CC6.1', title: 'Logical access', evidence: 'partial', runbooks: ['bitlocker', 'defender'] },
];
const hosts = [
  { id: 'ws1', siteId: 'siteA', kind: 'workstation' },
  { id: 'ws2', siteId: 'siteA', kind: 'workstation' },
  { id: 'srv1', siteId: 'siteB', kind: 'server' },
];
const day = (d: number, h = 6) => new Date(Date.UTC(2026, 9, d, h)).toISOString();

// Daily scans on 1–5 October: ws2's BitLocker fails from the 3rd on; its Defender fails on the 2nd only.
function outcome(hostId: string, runbookId: string, d: number): 'pass' | 'fail' {
  if (hostId === 'ws2' && runbookId === 'bitlocker' && d >= 3) return 'fail';
  if (hostId === 'ws2' && runbookId === 'defender' && d === 2) return 'fail';
  return 'pass';
}
const scanned: Observation[] = [];
for (let d = 1; d <= 5; d++) {
  for (const h of hosts) for (const r of runbooks.filter((x) => x.hostKinds.includes(h.kind))) scanned.push({ hostId: h.id, runbookId: r.id, outcome: outcome(h.id, r.id, d), observedAt: day(d), evidenceId: `scan-${d}` });
}
const officer: Attestation = { framework: 'hipaa', controlId: 'officer', attestedBy: 'Olivia Owner', attestedAt: day(1, 12), validUntil: '2027-10-01T00:00:00.000Z', evidenceId: 'sha-officer' };
const evidenceObservations = (ids: readonly string[]) => [...notApplicableObservations(hosts.filter((h) => ids.includes(h.id)), runbooks), ...scanned.filter((o) => ids.includes(o.hostId))];

// What the scans left in the database: hosts seen at the last scan, two findings, the attestation
// row recorded as evidence, and a newer one whose recording is still pending.
const records: PostureRecordSet = {
  sites: [
    { id: 'siteA', clientId: 'c1' },
    { id: 'siteB', clientId: 'c1' },
  ],
  hosts: hosts.map((h) => ({ id: h.id, siteId: h.siteId, role: h.kind, createdAt: new Date('2026-09-01T00:00:00Z'), lastSeenAt: new Date(day(5)) })),
  findings: [
    { id: 'f1', siteId: 'siteA', hostId: 'ws2', checkId: 'bitlocker', observedAt: new Date(day(3)), resolvedAt: null },
    { id: 'f2', siteId: 'siteA', hostId: 'ws2', checkId: 'defender', observedAt: new Date(day(2)), resolvedAt: new Date(day(3)) },
  ],
  disabled: [],
  attestations: [
    { id: 'a1', clientId: 'c1', framework: 'hipaa', controlId: 'officer', attestedByName: 'Olivia Owner', attestedAt: new Date(day(1, 12)), validUntil: new Date('2027-10-01T00:00:00Z'), evidenceDigest: 'sha-officer' },
    { id: 'a2', clientId: 'c1', framework: 'hipaa', controlId: 'av', attestedByName: 'Olivia Owner', attestedAt: new Date(day(4, 12)), validUntil: new Date('2027-10-01T00:00:00Z'), evidenceDigest: null },
  ],
};

const instants = [1, 2, 3, 4, 5, 6, 20].map((d) => day(d, 23));

describe('posture from the operational record', () => {
  const scopes = recordedScopes(records, runbooks);

  it('gives every control the status the evidence gives it, per site and per client, at every moment after the first scan', () => {
    const cases = [
      { recorded: scopes.site('siteA'), ids: ['ws1', 'ws2'] },
      { recorded: scopes.site('siteB'), ids: ['srv1'] },
      { recorded: scopes.client('c1'), ids: ['ws1', 'ws2', 'srv1'] },
    ];
    for (const { recorded, ids } of cases) {
      expect([...recorded.hostIds].sort()).toEqual([...ids].sort());
      for (const asOf of instants) {
        for (const framework of ['hipaa', 'soc2'] as const) {
          const fromEvidence = frameworkPosture(framework, { controls, hostIds: ids, observations: evidenceObservations(ids), attestations: [officer], asOf });
          const fromRecord = frameworkPosture(framework, { controls, hostIds: recorded.hostIds, observations: recorded.observations, attestations: recorded.attestations, asOf });
          expect(fromRecord.controls.map((c) => [c.controlId, c.status])).toEqual(fromEvidence.controls.map((c) => [c.controlId, c.status]));
          expect(fromRecord.score).toBe(fromEvidence.score);
        }
      }
    }
  });

  it('scores the client as the packet does: this month, and day by day', () => {
    const input: PacketInput = {
      packetId: 'packet-c1-2026-10',
      client: { id: 'c1', name: 'Maple Family Practice' },
      branding: { partnerName: 'Northwind MSP', primaryColor: '#0b5394', accentColor: '#e69138' },
      period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'October 2026' },
      previousPeriodEnd: '2026-10-01T00:00:00.000Z',
      sites: [
        { id: 'siteA', name: 'Main', hosts: [{ id: 'ws1', name: 'WS1', kind: 'workstation' }, { id: 'ws2', name: 'WS2', kind: 'workstation' }] },
        { id: 'siteB', name: 'Annex', hosts: [{ id: 'srv1', name: 'SRV1', kind: 'server' }] },
      ],
      frameworks: ['hipaa', 'soc2'],
      controls,
      hipaaItems: [],
      observations: evidenceObservations(['ws1', 'ws2', 'srv1']),
      attestations: [officer],
      incidents: [],
      approvals: [],
      exceptions: [],
      topics: { encryption: [], antivirus: [], patches: [], firewall: [], screenLock: [], backup: [], timeSync: [] },
      evidence: [],
      verifyCommand: 'custos verify ./kit',
    };
    const packet = buildPacket(input);
    const client = scopes.client('c1');
    const [atEnd] = scoreSeries({ frameworks: ['hipaa', 'soc2'], controls, ...client }, [input.period.to]);
    // HIPAA: encryption partial (one workstation of two fails), malware and backup partial (checks pass,
    // the manual part's attestation is not recorded yet), security official attested → (1 + 3 × ½) / 4.
    expect(packet.posture.map((p) => [p.framework, p.score])).toEqual([
      ['hipaa', 62.5],
      ['soc2', 50],
    ]);
    expect(atEnd).toMatchObject({ hipaa: 62.5, soc2: 50, nistCsf: null });
    // The packet's trend point dated D is the posture at the end of day D.
    const recordedTrend = scoreSeries({ frameworks: ['hipaa'], controls, ...client }, packet.hipaaScoreTrend.map((_, i) => new Date(Date.parse(input.period.from) + (i + 1) * 86_400_000).toISOString()));
    expect(recordedTrend.map((s) => s.hipaa)).toEqual(packet.hipaaScoreTrend.map((p) => p.score));
  });

  it('counts no evidence for a host no scan has reached and for a runbook switched off at its site', () => {
    const sites = recordedScopes(
      { ...records, hosts: records.hosts.map((h) => (h.id === 'ws1' ? { ...h, lastSeenAt: null } : h)), disabled: [{ siteId: 'siteB', runbookId: 'backup' }] },
      runbooks,
    );
    const a = frameworkPosture('hipaa', { controls, ...sites.site('siteA'), asOf: day(20) });
    expect(a.controls[0]).toMatchObject({ status: 'fail', reason: '0 of 2 host checks pass' });
    const b = frameworkPosture('hipaa', { controls, ...sites.site('siteB'), asOf: day(20) });
    expect(b.controls[2]).toMatchObject({ status: 'fail', reason: '0 of 1 host checks pass' });
  });

  it('marks runbooks that never target a host kind not applicable, with the packet catalogue\'s evidence id', () => {
    const obs = recordedObservations({ hosts: [{ id: 'srv1', kind: 'server', addedAt: day(1), lastSeenAt: day(2) }], findings: [], runbooks });
    expect(obs.filter((o) => o.outcome === 'not_applicable')).toEqual([
      { hostId: 'srv1', runbookId: 'bitlocker', outcome: 'not_applicable', observedAt: '1970-01-01T00:00:00.000Z', evidenceId: 'catalogue:bitlocker@1:hostKinds' },
    ]);
    expect(obs.filter((o) => o.outcome === 'pass').map((o) => o.runbookId).sort()).toEqual(['backup', 'defender']);
  });
});

describe('scoreSeries', () => {
  it('reuses scores between moments when nothing changed, and matches scoring each moment afresh', () => {
    const client = recordedScopes(records, runbooks).client('c1');
    const moments = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 8, 25) + i * 86_400_000).toISOString());
    const series = scoreSeries({ frameworks: ['hipaa', 'soc2'], controls, ...client }, moments);
    moments.forEach((asOf, i) => {
      for (const f of ['hipaa', 'soc2'] as const) expect(series[i]![f]).toBe(frameworkPosture(f, { controls, ...client, asOf }).score);
    });
  });

  it('scores hosts in the same state once and still gives frameworkPosture\'s score', () => {
    const many: PostureRecordSet = {
      ...records,
      hosts: Array.from({ length: 12 }, (_, i) => ({ id: `ws${i}`, siteId: 'siteA', role: 'workstation', createdAt: new Date('2026-09-01T00:00:00Z'), lastSeenAt: new Date(day(5)) })),
      findings: [{ id: 'f1', siteId: 'siteA', hostId: 'ws7', checkId: 'bitlocker', observedAt: new Date(day(3)), resolvedAt: null }],
    };
    const site = recordedScopes(many, runbooks).site('siteA');
    const moments = [day(2), day(4)];
    const series = scoreSeries({ frameworks: ['hipaa', 'soc2'], controls, ...site }, moments);
    moments.forEach((asOf, i) => {
      for (const f of ['hipaa', 'soc2'] as const) expect(series[i]![f]).toBe(frameworkPosture(f, { controls, ...site, asOf }).score);
    });
    // Security official attested, malware partial, backup plan pending; encryption passes, then is partial.
    expect(series.map((s) => s.hipaa)).toEqual([62.5, 50]);
  });
});

describe('siteInputsKey', () => {
  const keyOf = (r: PostureRecordSet, siteId = 'siteA') => recordedScopes(r, runbooks).siteInputsKey(siteId);
  const base = keyOf(records);

  it('does not depend on row order', () => {
    const reversed: PostureRecordSet = { ...records, hosts: [...records.hosts].reverse(), findings: [...records.findings].reverse(), attestations: [...records.attestations].reverse() };
    expect(keyOf(reversed)).toBe(base);
    expect(keyOf(records, 'siteB')).not.toBe(base);
    expect(keyOf(records, 'no-such-site')).toBe('');
  });

  it('changes with every record the site is scored from, and not with when a seen host was last seen', () => {
    const [first, ...rest] = records.findings;
    const changed: [string, PostureRecordSet][] = [
      ['a host role', { ...records, hosts: records.hosts.map((h) => (h.id === 'ws1' ? { ...h, role: 'server' } : h)) }],
      ['a host added', { ...records, hosts: [...records.hosts, { id: 'ws3', siteId: 'siteA', role: 'workstation', createdAt: new Date(day(4)), lastSeenAt: null }] }],
      ['a host never reached', { ...records, hosts: records.hosts.map((h) => (h.id === 'ws1' ? { ...h, lastSeenAt: null } : h)) }],
      ['a finding resolved', { ...records, findings: [{ ...first!, resolvedAt: first!.resolvedAt ? null : new Date(day(5, 9)) }, ...rest] }],
      ['a finding re-dated', { ...records, findings: [{ ...first!, observedAt: new Date(day(4, 9)) }, ...rest] }],
      ['a runbook switched off', { ...records, disabled: [...records.disabled, { siteId: 'siteA', runbookId: 'defender' }] }],
      ['an attestation recorded', { ...records, attestations: records.attestations.map((a) => ({ ...a, evidenceDigest: a.evidenceDigest ?? 'sha-now-recorded' })) }],
      ['an attestation expiring', { ...records, attestations: records.attestations.map((a, i) => (i === 0 ? { ...a, validUntil: new Date(day(20)) } : a)) }],
    ];
    for (const [what, r] of changed) expect(keyOf(r), what).not.toBe(base);
    const seenLater: PostureRecordSet = { ...records, hosts: records.hosts.map((h) => ({ ...h, lastSeenAt: new Date(day(6)) })) };
    expect(keyOf(seenLater)).toBe(base);
  });
});

describe('nextPostureChange', () => {
  it('is the first change after the moment: a later observation or an attestation starting or ending', () => {
    const scope = { observations: scanned, attestations: [officer] };
    expect(nextPostureChange(scope, Date.parse(day(2, 7)))).toBe(Date.parse(day(3)));
    expect(nextPostureChange(scope, Date.parse(day(1, 7)))).toBe(Date.parse(day(1, 12)));
    expect(nextPostureChange(scope, Date.parse(day(5)))).toBe(Date.parse('2027-10-01T00:00:00.000Z'));
    expect(nextPostureChange(scope, Date.parse('2027-10-01T00:00:00.000Z'))).toBe(Number.POSITIVE_INFINITY);
  });
});
