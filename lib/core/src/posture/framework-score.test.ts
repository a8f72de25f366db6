import { describe, expect, it } from 'vitest';
import { ObservationTimeline } from './as-of.js';
import { controlStatus } from './control-status.js';
import { frameworkPosture, frameworkScore } from './framework-posture.js';
import { POSTURE_FRAMEWORKS, type Attestation, type ControlDefinition, type EvidenceClass, type Observation } from './types.js';

/** Deterministic pseudo-random numbers (a failing case can be replayed from its seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomWorld(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const runbooks = Array.from({ length: 8 }, (_, i) => `RB-${i}`);
  const hostIds = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => `h${i}`);
  const classes: EvidenceClass[] = ['automated', 'partial', 'manual'];
  const controls: ControlDefinition[] = POSTURE_FRAMEWORKS.flatMap((framework) =>
    Array.from({ length: 12 }, (_, i) => {
      const evidence = pick(classes);
      return { framework, id: `${framework}-${i}`, title: `control ${i}`, evidence, runbooks: evidence === 'manual' ? [] : runbooks.filter(() => r() < 0.3) };
    }),
  );
  const day = (d: number) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString();
  const observations: Observation[] = [];
  for (let n = 0; n < 60; n++) {
    observations.push({ hostId: pick(hostIds), runbookId: pick(runbooks), outcome: pick(['pass', 'pass', 'fail', 'error', 'not_applicable'] as const), observedAt: day(Math.floor(r() * 28)), evidenceId: `e${n}` });
  }
  const attestations: Attestation[] = controls
    .filter((c) => c.evidence !== 'automated' && r() < 0.4)
    .map((c, n) => ({ framework: c.framework, controlId: c.id, attestedBy: 'Owner', attestedAt: day(Math.floor(r() * 28)), ...(r() < 0.5 ? { validUntil: day(10 + Math.floor(r() * 20)) } : {}), evidenceId: `a${n}` }));
  return { controls, hostIds, observations, attestations, asOf: day(Math.floor(r() * 30)) };
}

describe('frameworkScore (the lean path score series use)', () => {
  it('gives frameworkPosture’s score and statuses for 300 random worlds, every framework', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const world = randomWorld(seed);
      const timeline = new ObservationTimeline(world.observations);
      const latest = timeline.latestAt(world.asOf);
      for (const f of POSTURE_FRAMEWORKS) {
        const full = frameworkPosture(f, world);
        expect(frameworkScore(f, { ...world, timeline }), `seed ${seed} ${f}`).toBe(full.score);
        const lean = world.controls.filter((c) => c.framework === f).map((c) => controlStatus(c, world.hostIds, latest, world.attestations, world.asOf));
        expect(lean, `seed ${seed} ${f}`).toEqual(full.controls.map((c) => c.status));
        for (const c of full.controls) seen.add(`${world.controls.find((d) => d.framework === f && d.id === c.controlId)!.evidence}:${c.status}`);
      }
    }
    // The worlds reach every status each evidence class can have.
    expect([...seen].sort()).toEqual(
      ['automated:fail', 'automated:not-applicable', 'automated:partial', 'automated:pass', 'manual:manual-pending', 'manual:pass', 'partial:fail', 'partial:manual-pending', 'partial:partial', 'partial:pass'].sort(),
    );
  });
});
