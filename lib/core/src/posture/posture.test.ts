import { describe, expect, it } from 'vitest';
import { frameworkPosture, postureScore, type Attestation, type ControlDefinition, type Observation } from './index.js';

const control = (id: string, evidence: ControlDefinition['evidence'], runbooks: string[] = []): ControlDefinition => ({
  framework: 'hipaa',
  id,
  title: id,
  evidence,
  runbooks,
});

const obs = (hostId: string, runbookId: string, outcome: Observation['outcome'], observedAt: string, evidenceId = `${hostId}:${runbookId}:${observedAt}`): Observation => ({
  hostId,
  runbookId,
  outcome,
  observedAt,
  evidenceId,
});

const attest = (controlId: string, attestedAt: string, validUntil?: string): Attestation => ({
  framework: 'hipaa',
  controlId,
  attestedBy: 'owner@clinic.example',
  attestedAt,
  validUntil,
  evidenceId: `att:${controlId}:${attestedAt}`,
});

const controls = [
  control('164.312(a)(2)(iv)', 'automated', ['bitlocker-os-volume']),
  control('164.308(a)(5)(ii)(B)', 'partial', ['defender-realtime']),
  control('164.308(a)(1)(ii)(A)', 'manual'),
];

describe('postureScore', () => {
  it('is pass plus half of partial over everything applicable, not-applicable excluded', () => {
    expect(postureScore({ pass: 3, partial: 2, fail: 1, 'manual-pending': 4, 'not-applicable': 9 })).toBe(40);
    expect(postureScore({ pass: 1, partial: 0, fail: 2, 'manual-pending': 0, 'not-applicable': 0 })).toBe(33.3);
    expect(postureScore({ pass: 0, partial: 0, fail: 0, 'manual-pending': 0, 'not-applicable': 5 })).toBeNull();
  });
});

describe('frameworkPosture', () => {
  const hosts = ['h1', 'h2'];

  it('takes the latest observation per host and runbook as of the date', () => {
    const observations = [
      obs('h1', 'bitlocker-os-volume', 'fail', '2026-10-01T00:00:00Z'),
      obs('h1', 'bitlocker-os-volume', 'pass', '2026-10-20T00:00:00Z'),
      obs('h2', 'bitlocker-os-volume', 'pass', '2026-10-05T00:00:00Z'),
    ];
    const early = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [], asOf: '2026-10-10T00:00:00Z' });
    const late = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [], asOf: '2026-10-31T00:00:00Z' });
    expect(early.controls[0]).toMatchObject({ status: 'partial', reason: '1 of 2 host checks pass' });
    expect(late.controls[0]).toMatchObject({ status: 'pass', reason: '2 of 2 host checks pass' });
    expect(late.controls[0]?.evidenceIds).toEqual(['h1:bitlocker-os-volume:2026-10-20T00:00:00Z', 'h2:bitlocker-os-volume:2026-10-05T00:00:00Z']);
  });

  it('counts a host never checked, and a check that errored, as failing', () => {
    const observations = [obs('h1', 'bitlocker-os-volume', 'error', '2026-10-01T00:00:00Z')];
    const p = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [], asOf: '2026-10-31T00:00:00Z' });
    expect(p.controls[0]).toMatchObject({ status: 'fail', reason: '0 of 2 host checks pass' });
  });

  it('leaves explicit not_applicable out and reports a control with nothing applicable as not-applicable', () => {
    const observations = hosts.map((h) => obs(h, 'bitlocker-os-volume', 'not_applicable', '2026-10-01T00:00:00Z'));
    const p = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [], asOf: '2026-10-31T00:00:00Z' });
    expect(p.controls[0]?.status).toBe('not-applicable');
  });

  it('needs both the technical part and an attestation for a partial control', () => {
    const observations = hosts.map((h) => obs(h, 'defender-realtime', 'pass', '2026-10-01T00:00:00Z'));
    const without = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [], asOf: '2026-10-31T00:00:00Z' });
    expect(without.controls[1]).toMatchObject({ status: 'partial', reason: '2 of 2 host checks pass; manual part not yet attested' });
    const withIt = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [attest('164.308(a)(5)(ii)(B)', '2026-10-02T00:00:00Z')], asOf: '2026-10-31T00:00:00Z' });
    expect(withIt.controls[1]?.status).toBe('pass');
    const failing = frameworkPosture('hipaa', {
      controls,
      hostIds: hosts,
      observations: hosts.map((h) => obs(h, 'defender-realtime', 'fail', '2026-10-01T00:00:00Z')),
      attestations: [attest('164.308(a)(5)(ii)(B)', '2026-10-02T00:00:00Z')],
      asOf: '2026-10-31T00:00:00Z',
    });
    expect(failing.controls[1]?.status).toBe('fail');
  });

  it('shows a manual item as pending until attested, and honours attestation validity', () => {
    const attestations = [attest('164.308(a)(1)(ii)(A)', '2026-01-15T00:00:00Z', '2026-07-15T00:00:00Z')];
    const during = frameworkPosture('hipaa', { controls, hostIds: hosts, observations: [], attestations, asOf: '2026-03-01T00:00:00Z' });
    const before = frameworkPosture('hipaa', { controls, hostIds: hosts, observations: [], attestations, asOf: '2026-01-01T00:00:00Z' });
    const after = frameworkPosture('hipaa', { controls, hostIds: hosts, observations: [], attestations, asOf: '2026-08-01T00:00:00Z' });
    expect(during.controls[2]).toMatchObject({ status: 'pass', reason: 'attested by owner@clinic.example on 2026-01-15' });
    expect(before.controls[2]?.status).toBe('manual-pending');
    expect(after.controls[2]?.status).toBe('manual-pending');
  });

  it('does not depend on the order of its inputs', () => {
    const observations = [
      obs('h1', 'bitlocker-os-volume', 'pass', '2026-10-01T00:00:00Z', 'b'),
      obs('h1', 'bitlocker-os-volume', 'fail', '2026-10-01T00:00:00Z', 'a'),
      obs('h2', 'defender-realtime', 'pass', '2026-10-03T00:00:00Z'),
    ];
    const forward = frameworkPosture('hipaa', { controls, hostIds: hosts, observations, attestations: [], asOf: '2026-10-31T00:00:00Z' });
    const backward = frameworkPosture('hipaa', { controls, hostIds: [...hosts].reverse(), observations: [...observations].reverse(), attestations: [], asOf: '2026-10-31T00:00:00Z' });
    expect(backward).toEqual(forward);
    expect(forward.counts).toEqual({ pass: 0, fail: 0, partial: 2, 'manual-pending': 1, 'not-applicable': 0 });
    expect(forward.score).toBe(33.3);
  });
});

describe('ObservationTimeline', () => {
  it('gives the same latest observations as a full pass, at every instant', async () => {
    const { ObservationTimeline, latestObservations } = await import('./as-of.js');
    const observations: Observation[] = [];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 500; i++) {
      const day = 1 + rand(28);
      observations.push(obs(`h${rand(5)}`, `r${rand(4)}`, rand(2) ? 'pass' : 'fail', `2026-10-${String(day).padStart(2, '0')}T0${rand(9)}:00:00Z`, `e${rand(50)}`));
    }
    const timeline = new ObservationTimeline(observations);
    for (const asOf of ['2026-09-30T00:00:00Z', '2026-10-05T03:00:00Z', '2026-10-15T00:00:00Z', '2026-11-01T00:00:00Z']) {
      expect(timeline.latestAt(asOf)).toEqual(latestObservations(observations, asOf));
    }
  });
});
