import type { Attestation, Observation } from './types.js';

/** The latest observation per (host, runbook) made at or before `asOf` (ISO 8601). */
export function latestObservations(observations: readonly Observation[], asOf: string): Map<string, Observation> {
  const cutoff = Date.parse(asOf);
  const latest = new Map<string, Observation>();
  for (const o of observations) {
    const at = Date.parse(o.observedAt);
    if (Number.isNaN(at) || at > cutoff) continue;
    const key = observationKey(o.hostId, o.runbookId);
    const current = latest.get(key);
    // Ties broken by evidence id so the result never depends on input order.
    if (!current || at > Date.parse(current.observedAt) || (at === Date.parse(current.observedAt) && o.evidenceId > current.evidenceId)) {
      latest.set(key, o);
    }
  }
  return latest;
}

export function observationKey(hostId: string, runbookId: string): string {
  return `${hostId}\u0000${runbookId}`;
}

/** The attestation in force for a control at `asOf`: the latest one made by then and not expired. */
export function attestationInForce(attestations: readonly Attestation[], framework: string, controlId: string, asOf: string): Attestation | undefined {
  const cutoff = Date.parse(asOf);
  let best: Attestation | undefined;
  for (const a of attestations) {
    if (a.framework !== framework || a.controlId !== controlId) continue;
    if (Date.parse(a.attestedAt) > cutoff) continue;
    if (a.validUntil !== undefined && Date.parse(a.validUntil) <= cutoff) continue;
    if (!best || a.attestedAt > best.attestedAt) best = a;
  }
  return best;
}
