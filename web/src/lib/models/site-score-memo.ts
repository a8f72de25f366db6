import type { Scores, TrendPoint } from './compliance-score.js';

export interface SiteScores {
  scores: Scores;
  trend: TrendPoint[];
}

interface Entry {
  /** The UTC day and the site's inputs key the scores were computed for. */
  inputs: string;
  computedAt: number;
  /** The first moment the site's posture can change after computedAt (nextPostureChange). */
  validUntil: number;
  value: SiteScores;
}

const DAY = 86_400_000;

/**
 * Site score series kept between requests. The fleet overview scores every site of a partner at
 * every day's end of a 30- or 90-day window; for a thousand sites that is most of a second, while
 * between two page loads a scan round changes a few sites at most. An entry is reused only when it
 * is certainly what scoring afresh would give:
 *
 * - the site's inputs key (recordedScopes' siteInputsKey: every record it is scored from) is equal;
 * - it is the same UTC day (the trend's days end at the same instants);
 * - no posture change falls between when it was computed and now (an attestation expiring, a row
 *   dated in the future), so today's point and the current score are unchanged.
 *
 * Controls and runbooks are not in the key: keep one memo per catalogue. Values are shared between
 * callers and must not be modified. Least recently used entries go first beyond `maxEntries`; an
 * entry (a 30-day series and its key) is a few KB, so the default bounds the memo near 40 MB.
 */
export class SiteScoreMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  scores(siteId: string, days: number, now: number, inputsKey: string, compute: () => { value: SiteScores; validUntil: number }): SiteScores {
    const slot = `${siteId}\u0000${days}`;
    const inputs = `${Math.floor(now / DAY)}\u0000${inputsKey}`;
    const hit = this.entries.get(slot);
    this.entries.delete(slot);
    if (hit && hit.inputs === inputs && hit.computedAt <= now && now < hit.validUntil) {
      this.entries.set(slot, hit);
      return hit.value;
    }
    const { value, validUntil } = compute();
    this.entries.set(slot, { inputs, computedAt: now, validUntil, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
