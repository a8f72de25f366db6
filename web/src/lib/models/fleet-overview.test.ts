import { describe, expect, it } from 'vitest';
import type { ControlDefinition, PostureRecordSet } from '@custos/core/posture';
import { fleetOverview, selectRows, type FleetInput } from './fleet-overview.js';

const DAY = 86_400_000;
const now = Date.parse('2026-11-26T12:00:00Z');
// Four automated HIPAA controls, two per runbook; nothing maps to the other frameworks.
const controls: ControlDefinition[] = [
  { framework: 'hipaa', id: 'a', title: 'a', evidence: 'automated', runbooks: ['RB-FW'] },
  { framework: 'hipaa', id: 'b', title: 'b', evidence: 'automated', runbooks: ['RB-FW'] },
  { framework: 'hipaa', id: 'c', title: 'c', evidence: 'automated', runbooks: ['RB-AV'] },
  { framework: 'hipaa', id: 'd', title: 'd', evidence: 'automated', runbooks: ['RB-AV'] },
];
const runbooks = [
  { id: 'RB-FW', version: 1, hostKinds: ['workstation', 'server'] },
  { id: 'RB-AV', version: 1, hostKinds: ['workstation'] },
];
const site = (id: string, name: string, status: 'online' | 'offline' = 'online') => ({ id, name, clientId: 'c1', healingPaused: false, hostCount: 3, applianceStatus: status });
const host = (id: string, siteId: string) => ({ id, siteId, role: 'workstation', createdAt: new Date('2026-11-01T00:00:00Z'), lastSeenAt: new Date(now - 3600_000) });
const records: PostureRecordSet = {
  sites: ['s1', 's2', 's3'].map((id) => ({ id, clientId: 'c1' })),
  hosts: [host('h1', 's1'), host('h2', 's2'), host('h3', 's3')],
  findings: [
    { id: 'f1', siteId: 's1', hostId: 'h1', checkId: 'RB-FW', observedAt: new Date(now - 2 * DAY), resolvedAt: null },
    { id: 'f2', siteId: 's2', hostId: 'h2', checkId: 'RB-AV', observedAt: new Date(now - 5 * DAY), resolvedAt: new Date(now - 4 * DAY) },
  ],
  // Charlie does not run the antivirus check: no evidence for c and d there.
  disabled: [{ siteId: 's3', runbookId: 'RB-AV' }],
  attestations: [],
};

const input: FleetInput = {
  sites: [site('s1', 'Alpha'), site('s2', 'Bravo', 'offline'), site('s3', 'Charlie')],
  controls,
  runbooks,
  records,
  open: [{ siteId: 's1', severity: 'critical', n: 1 }],
  heals: [
    { siteId: 's1', tier: 'L1', status: 'healed', startedAt: now - 3600_000, finishedAt: now - 3500_000 },
    { siteId: 's2', tier: 'L3', status: 'awaiting_approval', startedAt: now - 2 * DAY, finishedAt: null },
  ],
  days: 7,
  now,
};

describe('fleet overview', () => {
  const o = fleetOverview(input);

  it('scores each site with the posture functions over its own hosts; a switched-off check is no evidence', () => {
    expect(o.rows.map((r) => [r.name, r.scores.hipaa])).toEqual([
      ['Alpha', 50],
      ['Bravo', 100],
      ['Charlie', 50],
    ]);
    expect(o.rows[0]!.open).toEqual({ critical: 1, high: 0, medium: 0, low: 0 });
  });

  it('totals findings, hosts and appliance health, and averages the fleet score', () => {
    expect(o.totals).toEqual({ sites: 3, hosts: 9, open: { critical: 1, high: 0, medium: 0, low: 0 }, health: { online: 2, stale: 0, offline: 1, pending: 0 }, paused: 0 });
    expect(o.fleetScores.hipaa).toBeCloseTo(200 / 3);
    expect(o.fleetScores.soc2).toBeNull();
  });

  it('draws the fleet trend day by day from when findings opened and closed', () => {
    expect(o.trend).toHaveLength(7);
    const hipaa = o.trend.map((p) => Math.round(p.scores.hipaa!));
    // Charlie 50 throughout; day -5: Bravo's AV finding open (Bravo 50); days -2..0: Alpha's firewall finding (Alpha 50).
    expect(hipaa).toEqual([83, 67, 83, 83, 67, 67, 67]);
    expect(o.trend.at(-1)!.scores).toEqual(o.fleetScores);
  });

  it('counts heals by tier in the last day and averages time to heal', () => {
    expect(o.heals24h).toEqual({ L1: 1, L2: 0, L3: 0 });
    expect(o.mttrMs).toBe(100_000);
    expect(o.healsDaily.at(-1)!.tiers.L1).toBe(1);
  });

  it('filters and sorts rows for the table', () => {
    expect(selectRows(o.rows, { sort: 'hipaa' }).map((r) => r.name)).toEqual(['Alpha', 'Charlie', 'Bravo']);
    expect(selectRows(o.rows, { sort: 'health' }).map((r) => r.name)[0]).toBe('Bravo');
    expect(selectRows(o.rows, { sort: 'name', q: 'ar' }).map((r) => r.name)).toEqual(['Charlie']);
    expect(selectRows(o.rows, { sort: 'name', health: 'offline' }).map((r) => r.name)).toEqual(['Bravo']);
  });
});
