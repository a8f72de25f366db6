import { latestObservations, type ObservationTimeline } from './as-of.js';
import { controlPosture, controlStatus } from './control-status.js';
import { countStatuses, postureScore } from './score.js';
import type { Attestation, ControlDefinition, Framework, FrameworkPosture, Observation } from './types.js';

export interface PostureInput {
  /** The framework's controls (from the control catalogue, with their mapped runbooks). */
  controls: readonly ControlDefinition[];
  /** The hosts in scope: one host, a site's hosts, or every host of a client. */
  hostIds: readonly string[];
  observations: readonly Observation[];
  /** The same observations indexed once; pass it when computing posture at many instants. */
  timeline?: ObservationTimeline;
  /** Attestations of the client that owns the hosts. */
  attestations: readonly Attestation[];
  /** ISO 8601 instant; evidence after it is ignored, so the past can be reconstructed exactly. */
  asOf: string;
}

/** Posture of one framework over a scope of hosts, as of a moment. Controls keep catalogue order. */
export function frameworkPosture(framework: Framework, input: PostureInput): FrameworkPosture {
  const latest = input.timeline ? input.timeline.latestAt(input.asOf) : latestObservations(input.observations, input.asOf);
  const controls = input.controls
    .filter((c) => c.framework === framework)
    .map((c) => controlPosture(c, input.hostIds, latest, input.attestations, input.asOf));
  const counts = countStatuses(controls.map((c) => c.status));
  return { framework, controls, counts, score: postureScore(counts) };
}

/**
 * frameworkPosture(...).score without the per-control reasons and evidence lists: the same statuses
 * (one status rule, controlStatus) and the same score function, for series of many instants.
 */
export function frameworkScore(framework: Framework, input: PostureInput): number | null {
  const latest = input.timeline ? input.timeline.latestAt(input.asOf) : latestObservations(input.observations, input.asOf);
  const counts = countStatuses(input.controls.filter((c) => c.framework === framework).map((c) => controlStatus(c, input.hostIds, latest, input.attestations, input.asOf)));
  return postureScore(counts);
}
