import { describe, expect, it } from 'vitest';
import type { EvidencePredicate } from '@custos/evidence';
import type { VerifiedBundle } from '../../evidence/read/verified-bundles.js';
import { evidenceFacts } from './evidence-facts.js';

const SEVERITY: Record<string, 'high' | 'critical'> = { 'RB-WIN-AV-001': 'critical', 'RB-WIN-SEC-016': 'high' };
const runbooks = { severity: (id: string) => SEVERITY[id], controlKeys: () => [], runbooksFor: () => Object.keys(SEVERITY) };
const kind = () => 'workstation';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let seq = 0;

function bundle(predicate: Partial<EvidencePredicate> & Pick<EvidencePredicate, 'kind' | 'finishedAt'>, subjects: string[] = []): VerifiedBundle {
  seq += 1;
  return {
    site: 'site-1',
    seq,
    digest: seq.toString(16).padStart(64, '0'),
    statement: {
      _type: 'https://in-toto.io/Statement/v1',
      subject: subjects.map((name) => ({ name, digest: { sha256: 'a'.repeat(64) } })),
      predicateType: `https://custos.test/attestations/${predicate.kind}/v1`,
      predicate: { schema: 1, tenant: 'client-1', site: 'site-1', seq: String(seq), prev: '0'.repeat(64), runId: uuid(seq), startedAt: predicate.finishedAt, agent: { name: 'a', version: '1', buildDigest: `sha256:${'0'.repeat(64)}` }, ...predicate },
    },
  };
}

const scan = (finishedAt: string, runId: string, results: [string, string, 'pass' | 'fail' | 'na'][]) =>
  bundle({ kind: 'scan', finishedAt, runId, controls: results.map(([host, id, result]) => ({ id, host, result })) });

describe('evidenceFacts', () => {
  it('turns scan controls that are catalogue runbooks on a host into observations; other control ids are not', () => {
    const facts = evidenceFacts([bundle({ kind: 'scan', finishedAt: '2026-10-01T06:00:00.000Z', runId: uuid(900), controls: [{ id: 'RB-WIN-AV-001', host: 'h1', result: 'na' }, { id: '164.312(b)', host: 'h1', result: 'pass' }, { id: 'RB-WIN-AV-001', result: 'pass' }] })], runbooks, kind);
    expect(facts.observations).toEqual([{ hostId: 'h1', runbookId: 'RB-WIN-AV-001', outcome: 'not_applicable', observedAt: '2026-10-01T06:00:00.000Z', evidenceId: expect.stringMatching(/^0+[0-9a-f]+$/) }]);
    expect(facts.incidents).toEqual([]);
  });

  it('an incident opens at the first failure, stays one incident while it keeps failing, and a verified heal closes it with its tier', () => {
    const first = uuid(101);
    const facts = evidenceFacts(
      [
        scan('2026-10-01T06:00:00.000Z', uuid(100), [['h1', 'RB-WIN-AV-001', 'pass']]),
        scan('2026-10-02T06:00:00.000Z', first, [['h1', 'RB-WIN-AV-001', 'fail']]),
        scan('2026-10-03T06:00:00.000Z', uuid(102), [['h1', 'RB-WIN-AV-001', 'fail']]),
        bundle({ kind: 'heal', finishedAt: '2026-10-03T07:00:00.000Z', heal: { ofRun: first, tier: 'L1', actions: [{ runbook: 'RB-WIN-AV-001', host: 'h1', result: 'applied' }], verified: true } }),
      ],
      runbooks,
      kind,
    );
    expect(facts.incidents).toEqual([
      { id: 'site-1:h1:RB-WIN-AV-001:2026-10-02T06:00:00.000Z', siteId: 'site-1', hostId: 'h1', runbookId: 'RB-WIN-AV-001', severity: 'critical', openedAt: '2026-10-02T06:00:00.000Z', closedAt: '2026-10-03T07:00:00.000Z', outcome: 'healed', tier: 'L1' },
    ]);
    // The heal's verify is a passing check at its end.
    expect(facts.observations.at(-1)).toMatchObject({ hostId: 'h1', runbookId: 'RB-WIN-AV-001', outcome: 'pass', observedAt: '2026-10-03T07:00:00.000Z' });
  });

  it('a heal of a later failing scan of the same incident still closes it; a heal bundle finished after the next passing scan still counts as the heal', () => {
    const facts = evidenceFacts(
      [
        scan('2026-10-02T06:00:00.000Z', uuid(201), [['h1', 'RB-WIN-AV-001', 'fail']]),
        scan('2026-10-03T06:00:00.000Z', uuid(202), [['h1', 'RB-WIN-AV-001', 'pass']]),
        bundle({ kind: 'heal', finishedAt: '2026-10-03T06:00:05.000Z', heal: { ofRun: uuid(201), tier: 'L1', actions: [{ runbook: 'RB-WIN-AV-001', host: 'h1', result: 'applied' }], verified: true } }),
      ],
      runbooks,
      kind,
    );
    expect(facts.incidents[0]).toMatchObject({ outcome: 'healed', tier: 'L1', closedAt: '2026-10-03T06:00:00.000Z' });
  });

  it('resolved by a passing scan without any heal: closed, not healed', () => {
    const facts = evidenceFacts([scan('2026-10-02T06:00:00.000Z', uuid(301), [['h1', 'RB-WIN-AV-001', 'fail']]), scan('2026-10-04T06:00:00.000Z', uuid(302), [['h1', 'RB-WIN-AV-001', 'pass']])], runbooks, kind);
    expect(facts.incidents[0]).toMatchObject({ outcome: 'open', closedAt: '2026-10-04T06:00:00.000Z' });
    expect(facts.incidents[0]!.tier).toBeUndefined();
  });

  it('approvals escalate: approved then healed at L3 counts as healed; rejected stays escalated and open', () => {
    const approvedHeal = uuid(401);
    const rejectedHeal = uuid(402);
    const facts = evidenceFacts(
      [
        scan('2026-10-10T06:00:00.000Z', uuid(400), [['h1', 'RB-WIN-AV-001', 'fail'], ['h2', 'RB-WIN-SEC-016', 'fail']]),
        bundle({ kind: 'approval', finishedAt: '2026-10-10T09:00:00.000Z', approval: { ofRun: approvedHeal, planSha256: 'b'.repeat(64), decision: 'approved', approver: 'user-1', decidedAt: '2026-10-10T09:00:00.000Z' } }),
        bundle({ kind: 'heal', finishedAt: '2026-10-10T09:05:00.000Z', runId: approvedHeal, heal: { ofRun: uuid(400), tier: 'L3', actions: [{ runbook: 'RB-WIN-AV-001', host: 'h1', result: 'applied' }], verified: true } }),
        bundle({ kind: 'approval', finishedAt: '2026-10-10T10:00:00.000Z', approval: { ofRun: rejectedHeal, planSha256: 'c'.repeat(64), decision: 'rejected', approver: 'user-1', decidedAt: '2026-10-10T10:00:00.000Z' } }),
        bundle({ kind: 'heal', finishedAt: '2026-10-10T10:00:01.000Z', runId: rejectedHeal, heal: { ofRun: uuid(400), tier: 'L3', actions: [{ runbook: 'RB-WIN-SEC-016', host: 'h2', result: 'skipped' }], verified: false } }),
      ],
      runbooks,
      kind,
    );
    expect(facts.incidents.map((i) => [i.hostId, i.outcome, i.tier, i.closedAt])).toEqual([
      ['h1', 'healed', 'L3', '2026-10-10T09:05:00.000Z'],
      ['h2', 'escalated', 'L3', undefined],
    ]);
    expect(facts.decisions).toEqual([
      { healRunId: approvedHeal, planSha256: 'b'.repeat(64), decision: 'approved', approverId: 'user-1', decidedAt: '2026-10-10T09:00:00.000Z', runbookId: 'RB-WIN-AV-001', hostId: 'h1', incidentId: facts.incidents[0]!.id },
      { healRunId: rejectedHeal, planSha256: 'c'.repeat(64), decision: 'rejected', approverId: 'user-1', decidedAt: '2026-10-10T10:00:00.000Z', runbookId: 'RB-WIN-SEC-016', hostId: 'h2', incidentId: facts.incidents[1]!.id },
    ]);
  });

  it('a heal that did not verify below L3 is a failed heal; client decisions are not heal approvals', () => {
    const facts = evidenceFacts(
      [
        scan('2026-10-11T06:00:00.000Z', uuid(500), [['h1', 'RB-WIN-AV-001', 'fail']]),
        bundle({ kind: 'heal', finishedAt: '2026-10-11T06:10:00.000Z', heal: { ofRun: uuid(500), tier: 'L1', actions: [{ runbook: 'RB-WIN-AV-001', host: 'h1', result: 'applied' }], verified: false } }),
        bundle({ kind: 'approval', finishedAt: '2026-10-12T00:00:00.000Z', approval: { ofRun: uuid(501), planSha256: 'd'.repeat(64), decision: 'approved', approver: 'owner', decidedAt: '2026-10-12T00:00:00.000Z' } }, [`reports/decisions/attestations/${uuid(501)}.json`]),
      ],
      runbooks,
      kind,
    );
    expect(facts.incidents[0]).toMatchObject({ outcome: 'failed', tier: 'L1' });
    expect(facts.decisions).toEqual([]);
  });

  it('gives the same facts whatever order the bundles come in', () => {
    const input = [
      scan('2026-10-02T06:00:00.000Z', uuid(601), [['h1', 'RB-WIN-AV-001', 'fail'], ['h2', 'RB-WIN-SEC-016', 'fail']]),
      scan('2026-10-03T06:00:00.000Z', uuid(602), [['h1', 'RB-WIN-AV-001', 'pass'], ['h2', 'RB-WIN-SEC-016', 'fail']]),
      bundle({ kind: 'heal', finishedAt: '2026-10-02T06:30:00.000Z', heal: { ofRun: uuid(601), tier: 'L1', actions: [{ runbook: 'RB-WIN-AV-001', host: 'h1', result: 'applied' }], verified: true } }),
    ];
    const forward = evidenceFacts(input, runbooks, kind);
    const backward = evidenceFacts([...input].reverse(), runbooks, kind);
    expect(backward.incidents).toEqual(forward.incidents);
    expect([...backward.observations].sort((a, b) => a.evidenceId.localeCompare(b.evidenceId))).toEqual([...forward.observations].sort((a, b) => a.evidenceId.localeCompare(b.evidenceId)));
  });
});
