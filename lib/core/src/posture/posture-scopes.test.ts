import { describe, expect, it } from 'vitest';
import { frameworkPosture, type Attestation, type ControlDefinition, type Observation } from './index.js';

// Scoring cases posture.test.ts leaves open: the same function over one host, a site and a whole
// client; where "as of" cuts; attestations superseding each other; and partial controls whose
// technical part is mixed or does not apply.

const controls: ControlDefinition[] = [
  { framework: 'hipaa', id: 'enc', title: 'Encryption', evidence: 'automated', runbooks: ['bitlocker'] },
  { framework: 'hipaa', id: 'av', title: 'Malware', evidence: 'partial', runbooks: ['defender'] },
  { framework: 'hipaa', id: 'backup-plan', title: 'Backup plan', evidence: 'partial', runbooks: ['backup'] },
  { framework: 'hipaa', id: 'officer', title: 'Security official', evidence: 'manual', runbooks: [] },
  { framework: 'soc2', id: 'CC6.1', title: 'Logical access', evidence: 'partial', runbooks: ['bitlocker'] },
];

const at = '2026-10-15T06:00:00.000Z';
const obs = (hostId: string, runbookId: string, outcome: Observation['outcome'], observedAt = at): Observation => ({ hostId, runbookId, outcome, observedAt, evidenceId: `${hostId}/${runbookId}/${observedAt}` });
const attest = (controlId: string, attestedAt: string, attestedBy = 'Olivia Owner', validUntil?: string): Attestation => ({ framework: 'hipaa', controlId, attestedBy, attestedAt, ...(validUntil ? { validUntil } : {}), evidenceId: `att/${controlId}/${attestedAt}` });

// Site A: ws1 (encrypted), ws2 (not); site B: srv1 (encrypted). Backups run on the server only.
const observations = [
  obs('ws1', 'bitlocker', 'pass'),
  obs('ws2', 'bitlocker', 'fail'),
  obs('srv1', 'bitlocker', 'pass'),
  obs('ws1', 'defender', 'pass'),
  obs('ws2', 'defender', 'pass'),
  obs('srv1', 'defender', 'fail'),
  obs('ws1', 'backup', 'not_applicable'),
  obs('ws2', 'backup', 'not_applicable'),
  obs('srv1', 'backup', 'pass'),
];
const asOf = '2026-11-01T00:00:00.000Z';
const posture = (hostIds: string[], attestations: Attestation[] = [], when = asOf) => frameworkPosture('hipaa', { controls, hostIds, observations, attestations, asOf: when });

describe('posture per host, site and client', () => {
  it('one host: its own checks only', () => {
    const ws2 = posture(['ws2']);
    expect(ws2.controls.map((c) => [c.controlId, c.status])).toEqual([
      ['enc', 'fail'],
      ['av', 'partial'],
      ['backup-plan', 'manual-pending'],
      ['officer', 'manual-pending'],
    ]);
    expect(ws2.score).toBe(12.5);
  });

  it('a site and the whole client differ only by the hosts in scope', () => {
    const siteA = posture(['ws1', 'ws2']);
    const client = posture(['ws1', 'ws2', 'srv1']);
    expect(siteA.controls[0]).toMatchObject({ status: 'partial', reason: '1 of 2 host checks pass' });
    expect(client.controls[0]).toMatchObject({ status: 'partial', reason: '2 of 3 host checks pass' });
    expect(client.controls[1]).toMatchObject({ status: 'partial', reason: '2 of 3 host checks pass; not attested' });
    // Backups do not apply on workstations, so site A has only the manual part of the backup plan.
    expect(siteA.controls[2]).toMatchObject({ status: 'manual-pending', reason: 'manual part not yet attested' });
    expect(client.controls[2]).toMatchObject({ status: 'partial', reason: '1 of 1 host checks pass; manual part not yet attested' });
  });

  it('scores each framework on its own controls', () => {
    const soc2 = frameworkPosture('soc2', { controls, hostIds: ['ws1', 'srv1'], observations, attestations: [], asOf });
    expect(soc2.controls.map((c) => c.controlId)).toEqual(['CC6.1']);
    expect(soc2).toMatchObject({ counts: { partial: 1 }, score: 50 });
  });
});

describe('as of a moment', () => {
  it('includes evidence finished exactly then and nothing after', () => {
    const later = [...observations, obs('ws2', 'bitlocker', 'pass', '2026-10-20T00:00:00.000Z')];
    const exactly = frameworkPosture('hipaa', { controls, hostIds: ['ws2'], observations: later, attestations: [], asOf: '2026-10-20T00:00:00.000Z' });
    const before = frameworkPosture('hipaa', { controls, hostIds: ['ws2'], observations: later, attestations: [], asOf: '2026-10-19T23:59:59.999Z' });
    expect(exactly.controls[0]?.status).toBe('pass');
    expect(before.controls[0]?.status).toBe('fail');
  });

  it('a host with no evidence yet counts against the score ("no evidence"), not as passing', () => {
    const p = frameworkPosture('hipaa', { controls, hostIds: ['ws1', 'new-host'], observations, attestations: [], asOf });
    expect(p.controls[0]).toMatchObject({ status: 'partial', reason: '1 of 2 host checks pass' });
  });
});

describe('attestations', () => {
  it('the latest attestation in force is the one shown; an expired later one does not hide an earlier valid one', () => {
    const atts = [attest('officer', '2026-01-10T00:00:00.000Z', 'Dr Maple'), attest('officer', '2026-09-01T00:00:00.000Z', 'Olivia Owner')];
    expect(posture(['ws1'], atts).controls[3]).toMatchObject({ status: 'pass', reason: 'attested by Olivia Owner on 2026-09-01' });
    const expired = [attest('officer', '2026-01-10T00:00:00.000Z', 'Dr Maple'), attest('officer', '2026-09-01T00:00:00.000Z', 'Olivia Owner', '2026-10-01T00:00:00.000Z')];
    expect(posture(['ws1'], expired).controls[3]).toMatchObject({ status: 'pass', reason: 'attested by Dr Maple on 2026-01-10' });
  });

  it('an attestation made after the moment does not count then', () => {
    const atts = [attest('officer', '2026-10-20T00:00:00.000Z')];
    expect(posture(['ws1'], atts, '2026-10-19T00:00:00.000Z').controls[3]?.status).toBe('manual-pending');
    expect(posture(['ws1'], atts, '2026-10-21T00:00:00.000Z').controls[3]?.status).toBe('pass');
  });

  it('attesting a partial control whose checks are mixed leaves it partial; with nothing technical applicable it passes', () => {
    const atts = [attest('av', '2026-10-01T00:00:00.000Z'), attest('backup-plan', '2026-10-01T00:00:00.000Z')];
    const client = posture(['ws1', 'ws2', 'srv1'], atts);
    expect(client.controls[1]).toMatchObject({ status: 'partial', reason: '2 of 3 host checks pass; attested' });
    const siteA = posture(['ws1', 'ws2'], atts);
    expect(siteA.controls[2]).toMatchObject({ status: 'pass', reason: 'attested by Olivia Owner on 2026-10-01' });
    expect(siteA.controls[2]?.evidenceIds).toEqual(['att/backup-plan/2026-10-01T00:00:00.000Z']);
  });

  it('an attestation never turns an automated control into a pass', () => {
    const atts = [{ ...attest('enc', '2026-10-01T00:00:00.000Z') }];
    expect(posture(['ws2'], atts).controls[0]?.status).toBe('fail');
  });
});
