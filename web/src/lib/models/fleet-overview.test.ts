import { describe, expect, it } from 'vitest';
import type { ControlMap } from './compliance-score.js';
import { fleetOverview, selectRows, type FleetInput } from './fleet-overview.js';

const DAY = 86_400_000;
const now = Date.parse('2026-11-26T12:00:00Z');
const controlMap: ControlMap = new Map([
  ['RB-FW', { hipaa: ['a', 'b'] }],
  ['RB-AV', { hipaa: ['c', 'd'] }],
]);
const site = (id: string, name: string, status: 'online' | 'offline' = 'online') => ({ id, name, clientId: 'c1', healingPaused: false, hostCount: 3, applianceStatus: status });

const input: FleetInput = {
  sites: [site('s1', 'Alpha'), site('s2', 'Bravo', 'offline'), site('s3', 'Charlie')],
  runbookIds: ['RB-FW', 'RB-AV'],
  controlMap,
  disabled: new Map([['s3', new Set(['RB-AV'])]]),
  findings: [
    { siteId: 's1', checkId: 'RB-FW', severity: 'critical', observedAt: now - 2 * DAY, resolvedAt: null },
    { siteId: 's2', checkId: 'RB-AV', severity: 'low', observedAt: now - 5 * DAY, resolvedAt: now - 4 * DAY },
  ],
  heals: [
    { siteId: 's1', tier: 'L1', status: 'healed', startedAt: now - 3600_000, finishedAt: now - 3500_000 },
    { siteId: 's2', tier: 'L3', status: 'awaiting_approval', startedAt: now - 2 * DAY, finishedAt: null },
  ],
  days: 7,
  now,
};

describe('fleet overview', () => {
  const o = fleetOverview(input);

  it('scores each site on its own enabled runbooks', () => {
    expect(o.rows.map((r) => [r.name, r.scores.hipaa])).toEqual([
      ['Alpha', 50],
      ['Bravo', 100],
      ['Charlie', 100],
    ]);
    expect(o.rows[0]!.open).toEqual({ critical: 1, high: 0, medium: 0, low: 0 });
  });

  it('totals findings, hosts and appliance health, and averages the fleet score', () => {
    expect(o.totals).toEqual({ sites: 3, hosts: 9, open: { critical: 1, high: 0, medium: 0, low: 0 }, health: { online: 2, stale: 0, offline: 1, pending: 0 }, paused: 0 });
    expect(o.fleetScores.hipaa).toBeCloseTo(250 / 3);
    expect(o.fleetScores.soc2).toBeNull();
  });

  it('draws the fleet trend day by day from when findings opened and closed', () => {
    expect(o.trend).toHaveLength(7);
    const hipaa = o.trend.map((p) => Math.round(p.scores.hipaa!));
    // Day -5: Bravo's AV finding open (Bravo 50); days -2..0: Alpha's firewall finding (Alpha 50).
    expect(hipaa).toEqual([100, 83, 100, 100, 83, 83, 83]);
  });

  it('counts heals by tier in the last day and averages time to heal', () => {
    expect(o.heals24h).toEqual({ L1: 1, L2: 0, L3: 0 });
    expect(o.mttrMs).toBe(100_000);
    expect(o.healsDaily.at(-1)!.tiers.L1).toBe(1);
  });

  it('filters and sorts rows for the table', () => {
    expect(selectRows(o.rows, { sort: 'hipaa' }).map((r) => r.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(selectRows(o.rows, { sort: 'health' }).map((r) => r.name)[0]).toBe('Bravo');
    expect(selectRows(o.rows, { sort: 'name', q: 'ar' }).map((r) => r.name)).toEqual(['Charlie']);
    expect(selectRows(o.rows, { sort: 'name', health: 'offline' }).map((r) => r.name)).toEqual(['Bravo']);
  });
});
