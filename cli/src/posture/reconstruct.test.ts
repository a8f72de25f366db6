import { describe, expect, it } from 'vitest';
import type { EvidenceStatement, EvidencePredicate } from '@custos/evidence';
import { reconstructPosture } from './reconstruct.js';
import type { VerifiedBundle } from './reconstruct.js';

const TENANT = 'client-1';
const RUN = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let seq = 0;

function bundle(site: string, finishedAt: string, predicate: Partial<EvidencePredicate>): VerifiedBundle {
  const s = seq++;
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [],
    predicateType: 'https://custos.test/attestations/x/v1',
    predicate: { schema: 1, kind: 'scan', tenant: TENANT, site, seq: String(s), prev: '0'.repeat(64), runId: RUN(s), startedAt: finishedAt, finishedAt, agent: { name: 'a', version: '1', buildDigest: `sha256:${'0'.repeat(64)}` }, ...predicate },
  } as EvidenceStatement;
  return { site, seq: s, digest: s.toString(16).padStart(64, '0'), statement };
}

describe('reconstructPosture', () => {
  it('takes the latest result per host and control finished by the date, ignoring later evidence', () => {
    const first = bundle('site-a', '2026-11-01T10:00:00Z', { controls: [{ id: '164.312(b)', result: 'fail', host: 'h1', finding: 'audit off' }, { id: '164.312(a)(1)', result: 'pass', host: 'h1' }] });
    const second = bundle('site-a', '2026-11-02T10:00:00Z', { controls: [{ id: '164.312(b)', result: 'pass', host: 'h1' }] });
    const future = bundle('site-a', '2026-11-05T10:00:00Z', { controls: [{ id: '164.312(b)', result: 'fail', host: 'h1' }] });
    const other = bundle('site-b', '2026-11-01T10:00:00Z', { controls: [{ id: '164.312(b)', result: 'fail', host: 'h9' }] });
    const foreign = { ...bundle('site-c', '2026-11-01T10:00:00Z', { tenant: 'client-2', controls: [{ id: '164.312(b)', result: 'pass' }] }) };

    const p = reconstructPosture(TENANT, [future, second, first, other, foreign], new Date('2026-11-03T00:00:00Z'));
    expect(p.sites.map((s) => s.site)).toEqual(['site-a', 'site-b']);
    const a = p.sites[0]!;
    expect(a.lastScanAt).toBe('2026-11-02T10:00:00Z');
    expect(a.bundlesConsidered).toBe(2);
    expect(a.controls.map((c) => [c.controlId, c.host, c.result, c.evidence.seq])).toEqual([
      ['164.312(a)(1)', 'h1', 'pass', first.seq],
      ['164.312(b)', 'h1', 'pass', second.seq],
    ]);
    // As of an earlier date the failure stands, with its finding.
    const earlier = reconstructPosture(TENANT, [future, second, first], new Date('2026-11-01T12:00:00Z'));
    expect(earlier.sites[0]!.controls.find((c) => c.controlId === '164.312(b)')).toMatchObject({ result: 'fail', finding: 'audit off' });
  });

  it('notes a verified heal of the failing scan run on that host, but only once it was recorded', () => {
    const scan = bundle('site-a', '2026-11-01T10:00:00Z', { controls: [{ id: '164.312(b)', result: 'fail', host: 'h1' }] });
    const heal = bundle('site-a', '2026-11-01T10:05:00Z', { kind: 'heal', heal: { ofRun: scan.statement.predicate.runId, tier: 'L1', actions: [{ runbook: 'enable-audit', host: 'h1', result: 'applied' }], verified: true } });
    const unverified = bundle('site-a', '2026-11-01T10:03:00Z', { kind: 'heal', heal: { ofRun: scan.statement.predicate.runId, tier: 'L2', actions: [{ runbook: 'x', host: 'h1', result: 'applied' }], verified: false } });
    const approval = bundle('site-a', '2026-11-01T10:04:00Z', { kind: 'approval', approval: { ofRun: RUN(0), planSha256: 'a'.repeat(64), decision: 'approved', approver: 'user-1', decidedAt: '2026-11-01T10:04:00Z' } });
    const after = reconstructPosture(TENANT, [scan, heal, unverified, approval], new Date('2026-11-01T11:00:00Z')).sites[0]!;
    expect(after.controls[0]!.healed).toEqual({ at: '2026-11-01T10:05:00Z', tier: 'L1', seq: heal.seq, runbooks: ['enable-audit'] });
    expect(after.approvals).toEqual({ approved: 1, rejected: 0 });
    const before = reconstructPosture(TENANT, [scan, heal, unverified], new Date('2026-11-01T10:04:00Z')).sites[0]!;
    expect(before.controls[0]!.healed).toBeUndefined();
  });

  it('has nothing to say before the first evidence', () => {
    expect(reconstructPosture(TENANT, [bundle('site-a', '2026-11-01T10:00:00Z', { controls: [] })], new Date('2026-10-01T00:00:00Z')).sites).toEqual([]);
  });
});
