import { describe, expect, it } from 'vitest';
import { byTier, dailyHeals, meanTimeToHealMs, type HealFact } from './heal-stats.js';

const now = Date.parse('2026-11-26T12:00:00Z');
const H = 3600_000;
const heals: HealFact[] = [
  { tier: 'L1', status: 'healed', startedAt: now - 2 * H, finishedAt: now - 2 * H + 60_000 },
  { tier: 'L1', status: 'healed', startedAt: now - 3 * H, finishedAt: now - 3 * H + 180_000 },
  { tier: 'L3', status: 'awaiting_approval', startedAt: now - H, finishedAt: null },
  { tier: 'L2', status: 'failed', startedAt: now - 30 * H, finishedAt: now - 29 * H },
];

describe('heal stats', () => {
  it('counts heals by tier since a time', () => {
    expect(byTier(heals, now - 24 * H)).toEqual({ L1: 2, L2: 0, L3: 1 });
    expect(byTier(heals, 0, ['healed'])).toEqual({ L1: 2, L2: 0, L3: 0 });
  });

  it('averages time to a verified heal and ignores open or failed ones', () => {
    expect(meanTimeToHealMs(heals, now - 24 * H)).toBe(120_000);
    expect(meanTimeToHealMs([heals[2]!], 0)).toBeNull();
  });

  it('buckets heals per UTC day', () => {
    const d = dailyHeals(heals, 2, now);
    expect(d.map((x) => x.tiers)).toEqual([
      { L1: 0, L2: 1, L3: 0 },
      { L1: 2, L2: 0, L3: 1 },
    ]);
    expect(d[1]!.mttrMs).toBe(120_000);
    expect(d[0]!.mttrMs).toBeNull();
  });
});
