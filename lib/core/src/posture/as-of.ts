import type { Attestation, Observation } from './types.js';

export function observationKey(hostId: string, runbookId: string): string {
  return `${hostId}\u0000${runbookId}`;
}

/** Later observation first; ties broken by evidence id so results never depend on input order. */
function isNewer(a: Observation, at: number, b: Observation, bt: number): boolean {
  return at > bt || (at === bt && a.evidenceId > b.evidenceId);
}

/**
 * Observations grouped by (host, runbook) and ordered in time, built once, so the posture at many
 * instants (a month's daily trend, this month and last) costs a binary search per pair instead of
 * a pass over every observation per instant.
 */
export class ObservationTimeline {
  private readonly byKey = new Map<string, { times: number[]; items: Observation[] }>();
  /** The last answer: every framework is scored at the same instant in turn. */
  private last: { asOf: string; latest: Map<string, Observation> } | undefined;

  constructor(observations: readonly Observation[]) {
    const grouped = new Map<string, { at: number; o: Observation }[]>();
    // Many observations share a time (one scan, one batch): parse each distinct time once.
    const parsed = new Map<string, number>();
    for (const o of observations) {
      let at = parsed.get(o.observedAt);
      if (at === undefined) parsed.set(o.observedAt, (at = Date.parse(o.observedAt)));
      if (Number.isNaN(at)) continue;
      const key = observationKey(o.hostId, o.runbookId);
      let list = grouped.get(key);
      if (!list) grouped.set(key, (list = []));
      list.push({ at, o });
    }
    for (const [key, list] of grouped) {
      if (list.length > 1) list.sort((x, y) => x.at - y.at || (x.o.evidenceId < y.o.evidenceId ? -1 : x.o.evidenceId > y.o.evidenceId ? 1 : 0));
      this.byKey.set(key, { times: list.map((x) => x.at), items: list.map((x) => x.o) });
    }
  }

  /**
   * The latest observation per (host, runbook) made at or before `asOf` (ISO 8601). The same map is
   * returned for the same `asOf` asked twice in a row; callers read it and do not change it.
   */
  latestAt(asOf: string): Map<string, Observation> {
    if (this.last?.asOf === asOf) return this.last.latest;
    const cutoff = Date.parse(asOf);
    const latest = new Map<string, Observation>();
    for (const [key, { times, items }] of this.byKey) {
      // Last index with time <= cutoff.
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid]! <= cutoff) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) latest.set(key, items[lo - 1]!);
    }
    this.last = { asOf, latest };
    return latest;
  }
}

/** The latest observation per (host, runbook) made at or before `asOf` (ISO 8601). */
export function latestObservations(observations: readonly Observation[], asOf: string): Map<string, Observation> {
  const cutoff = Date.parse(asOf);
  const latest = new Map<string, Observation>();
  const times = new Map<string, number>();
  for (const o of observations) {
    const at = Date.parse(o.observedAt);
    if (Number.isNaN(at) || at > cutoff) continue;
    const key = observationKey(o.hostId, o.runbookId);
    const current = latest.get(key);
    if (!current || isNewer(o, at, current, times.get(key)!)) {
      latest.set(key, o);
      times.set(key, at);
    }
  }
  return latest;
}

/** The attestation in force for a control at `asOf`: the latest one made by then and not expired. */
export function attestationInForce(attestations: readonly Attestation[], framework: string, controlId: string, asOf: string): Attestation | undefined {
  if (attestations.length === 0) return undefined; // most scopes: no parse per control
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
