/** Heal figures for the fleet overview: tier mix, heals in a window, mean time to heal. */

export type Tier = 'L1' | 'L2' | 'L3';
export const TIERS: readonly Tier[] = ['L1', 'L2', 'L3'];

export interface HealFact {
  tier: Tier;
  status: string;
  startedAt: number;
  finishedAt: number | null;
}

export function byTier(heals: readonly HealFact[], since: number, statuses?: readonly string[]): Record<Tier, number> {
  const out: Record<Tier, number> = { L1: 0, L2: 0, L3: 0 };
  for (const h of heals) if (h.startedAt >= since && (!statuses || statuses.includes(h.status))) out[h.tier]++;
  return out;
}

/** Mean minutes from start to a verified heal, over healed heals that finished in [since, now]. */
export function meanTimeToHealMs(heals: readonly HealFact[], since: number): number | null {
  const done = heals.filter((h) => h.status === 'healed' && h.finishedAt !== null && h.finishedAt >= since);
  return done.length === 0 ? null : done.reduce((a, h) => a + (h.finishedAt! - h.startedAt), 0) / done.length;
}

export interface DailyHeals {
  day: number;
  tiers: Record<Tier, number>;
  /** Mean time to heal of the heals that finished that day, or null. */
  mttrMs: number | null;
}

const DAY = 86_400_000;

export function dailyHeals(heals: readonly HealFact[], days: number, now: number): DailyHeals[] {
  const today = Math.floor(now / DAY) * DAY;
  const out: DailyHeals[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const from = today - i * DAY;
    const to = from + DAY;
    const started = heals.filter((h) => h.startedAt >= from && h.startedAt < to);
    const finished = heals.filter((h) => h.status === 'healed' && h.finishedAt !== null && h.finishedAt >= from && h.finishedAt < to);
    out.push({
      day: from,
      tiers: byTier(started, from),
      mttrMs: finished.length === 0 ? null : finished.reduce((a, h) => a + (h.finishedAt! - h.startedAt), 0) / finished.length,
    });
  }
  return out;
}
