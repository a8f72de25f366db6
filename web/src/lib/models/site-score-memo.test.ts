import { describe, expect, it } from 'vitest';
import type { ControlDefinition, PostureRecordSet } from '@custos/core/posture';
import { fleetOverview, type FleetInput } from './fleet-overview.js';
import { SiteScoreMemo } from './site-score-memo.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const start = Date.parse('2026-11-01T09:00:00Z');

// Automated, partial and manual controls, so findings, switched-off runbooks and attestations all move scores.
const controls: ControlDefinition[] = [
  { framework: 'hipaa', id: 'fw', title: 'fw', evidence: 'automated', runbooks: ['RB-FW'] },
  { framework: 'hipaa', id: 'av', title: 'av', evidence: 'partial', runbooks: ['RB-AV'] },
  { framework: 'hipaa', id: 'officer', title: 'officer', evidence: 'manual', runbooks: [] },
  { framework: 'soc2', id: 'CC6.1', title: 'access', evidence: 'partial', runbooks: ['RB-FW', 'RB-AV'] },
];
const runbooks = [
  { id: 'RB-FW', version: 1, hostKinds: ['workstation', 'server'] },
  { id: 'RB-AV', version: 1, hostKinds: ['workstation'] },
];
const SITES = ['s1', 's2', 's3', 's4'];
const clientOf = (siteId: string) => (siteId === 's4' ? 'c2' : 'c1');

/** A small PRNG, so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

function world(): PostureRecordSet {
  return {
    sites: SITES.map((id) => ({ id, clientId: clientOf(id) })),
    hosts: SITES.flatMap((siteId, i) => [
      { id: `${siteId}-ws`, siteId, role: 'workstation', createdAt: new Date(start - 40 * DAY), lastSeenAt: i === 3 ? null : new Date(start - HOUR) },
      { id: `${siteId}-srv`, siteId, role: 'server', createdAt: new Date(start - 40 * DAY), lastSeenAt: new Date(start - HOUR) },
    ]),
    findings: [],
    disabled: [],
    attestations: [],
  };
}

const inputAt = (records: PostureRecordSet, now: number, days: number, memo?: SiteScoreMemo): FleetInput => ({
  sites: SITES.map((id) => ({ id, name: id, clientId: clientOf(id), healingPaused: false, hostCount: 2, applianceStatus: 'online' })),
  controls,
  runbooks,
  records,
  open: [],
  heals: [],
  days,
  now,
  ...(memo && { memo }),
});

describe('SiteScoreMemo in the fleet overview', () => {
  it('gives exactly the scores of scoring afresh, through 300 random changes of record and time', () => {
    for (const seed of [1, 7, 42]) {
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const memo = new SiteScoreMemo();
      let records = world();
      let now = start;
      let n = 0;
      // Both paths must be exercised: entries reused (same object as the previous request) and recomputed.
      const previous = new Map<string, unknown>();
      let reused = 0;
      let recomputed = 0;
      for (let step = 0; step < 100; step++) {
        const r = rnd();
        const siteId = pick(SITES);
        if (r < 0.35) now += pick([60_000, HOUR, 6 * HOUR, DAY, 2 * DAY]);
        else if (r < 0.55) {
          const host = pick(records.hosts.filter((h) => h.siteId === siteId));
          records = { ...records, findings: [...records.findings, { id: `f${n++}`, siteId, hostId: host.id, checkId: pick(['RB-FW', 'RB-AV']), observedAt: new Date(now - pick([0, HOUR, 3 * DAY])), resolvedAt: null }] };
        } else if (r < 0.7) {
          const open = records.findings.filter((f) => f.resolvedAt === null);
          if (open.length) {
            const f = pick(open);
            records = { ...records, findings: records.findings.map((x) => (x === f ? { ...x, resolvedAt: new Date(now) } : x)) };
          }
        } else if (r < 0.82) {
          // Attested now, valid a few hours to days: expiries fall between two requests.
          records = {
            ...records,
            attestations: [
              ...records.attestations,
              { id: `a${n++}`, clientId: clientOf(siteId), framework: 'hipaa', controlId: pick(['av', 'officer']), attestedByName: 'Olivia Owner', attestedAt: new Date(now - pick([0, HOUR])), validUntil: rnd() < 0.8 ? new Date(now + pick([2 * HOUR, 20 * HOUR, 3 * DAY])) : null, evidenceDigest: rnd() < 0.8 ? `sha${n}` : null },
            ],
          };
        } else if (r < 0.9) {
          const off = records.disabled.some((d) => d.siteId === siteId && d.runbookId === 'RB-AV');
          records = { ...records, disabled: off ? records.disabled.filter((d) => d.siteId !== siteId) : [...records.disabled, { siteId, runbookId: 'RB-AV' }] };
        } else {
          records = { ...records, hosts: records.hosts.map((h) => (h.siteId === siteId && h.lastSeenAt === null ? { ...h, lastSeenAt: new Date(now) } : h)) };
        }
        for (const days of [7, 30]) {
          const fresh = fleetOverview(inputAt(records, now, days));
          const memoised = fleetOverview(inputAt(records, now, days, memo));
          expect(memoised.rows.map((x) => x.scores), `seed ${seed} step ${step}`).toEqual(fresh.rows.map((x) => x.scores));
          expect(memoised.trend, `seed ${seed} step ${step}`).toEqual(fresh.trend);
          for (const row of memoised.rows) {
            if (previous.get(`${row.id}/${days}`) === row.scores) reused++;
            else recomputed++;
            previous.set(`${row.id}/${days}`, row.scores);
          }
        }
      }
      expect(reused, `seed ${seed}`).toBeGreaterThan(100);
      expect(recomputed, `seed ${seed}`).toBeGreaterThan(100);
    }
  });

  it('reuses a site unchanged since the last request and recomputes only the site that changed', () => {
    const memo = new SiteScoreMemo();
    const records = world();
    const first = fleetOverview(inputAt(records, start, 30, memo));
    const again = fleetOverview(inputAt(records, start + HOUR, 30, memo));
    again.rows.forEach((row, i) => expect(row.scores).toBe(first.rows[i]!.scores));
    const changed: PostureRecordSet = { ...records, findings: [{ id: 'f1', siteId: 's2', hostId: 's2-ws', checkId: 'RB-FW', observedAt: new Date(start + HOUR), resolvedAt: null }] };
    const after = fleetOverview(inputAt(changed, start + 2 * HOUR, 30, memo));
    expect(after.rows.map((row, i) => row.scores === again.rows[i]!.scores)).toEqual([true, false, true, true]);
    expect(after.rows[1]!.scores.hipaa).toBeLessThan(again.rows[1]!.scores.hipaa!);
    // A new UTC day moves the trend's day ends: every site is scored again.
    const tomorrow = fleetOverview(inputAt(changed, start + DAY, 30, memo));
    tomorrow.rows.forEach((row, i) => expect(row.scores).not.toBe(after.rows[i]!.scores));
  });

  it('recomputes when an attestation expires between two requests', () => {
    const memo = new SiteScoreMemo();
    const records: PostureRecordSet = { ...world(), attestations: [{ id: 'a1', clientId: 'c1', framework: 'hipaa', controlId: 'officer', attestedByName: 'O', attestedAt: new Date(start - DAY), validUntil: new Date(start + 2 * HOUR), evidenceDigest: 'sha' }] };
    const before = fleetOverview(inputAt(records, start, 7, memo));
    const after = fleetOverview(inputAt(records, start + 3 * HOUR, 7, memo));
    expect(after.rows[0]!.scores.hipaa).toBeLessThan(before.rows[0]!.scores.hipaa!);
    expect(after.rows[3]!.scores).toBe(before.rows[3]!.scores); // client c2 attested nothing
  });

  it('keeps at most maxEntries sites', () => {
    const memo = new SiteScoreMemo(3);
    fleetOverview(inputAt(world(), start, 7, memo));
    expect(memo.size).toBe(3);
  });
});
