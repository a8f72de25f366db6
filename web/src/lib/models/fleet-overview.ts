import { coveredControls, FRAMEWORKS, meanScore, openAt, scoresFor, scoreTrend, type ControlMap, type FindingSpan, type Framework, type Scores } from './compliance-score.js';
import { byTier, dailyHeals, meanTimeToHealMs, type DailyHeals, type HealFact, type Tier } from './heal-stats.js';

export type ApplianceHealth = 'online' | 'stale' | 'offline' | 'pending';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface FleetSiteInput {
  id: string;
  name: string;
  clientId: string;
  healingPaused: boolean;
  hostCount: number;
  applianceStatus: ApplianceHealth;
}

export interface FleetInput {
  sites: readonly FleetSiteInput[];
  runbookIds: readonly string[];
  controlMap: ControlMap;
  disabled: ReadonlyMap<string, ReadonlySet<string>>;
  findings: readonly (FindingSpan & { siteId: string; severity: Severity })[];
  heals: readonly (HealFact & { siteId: string })[];
  days: number;
  now: number;
}

export interface FleetSiteRow extends FleetSiteInput {
  scores: Scores;
  open: Record<Severity, number>;
  openTotal: number;
}

export interface FleetOverview {
  rows: FleetSiteRow[];
  totals: { sites: number; hosts: number; open: Record<Severity, number>; health: Record<ApplianceHealth, number>; paused: number };
  fleetScores: Scores;
  trend: { day: number; scores: Scores }[];
  heals24h: Record<Tier, number>;
  healsDaily: DailyHeals[];
  mttrMs: number | null;
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Everything the fleet overview shows, from rows the server read in scope. Sites with no findings
 * in the window score the same every day, so only sites with findings are replayed day by day
 * (1,000 sites × 90 days stays a few milliseconds).
 */
export function fleetOverview(input: FleetInput): FleetOverview {
  const { now, days } = input;
  const bySite = new Map<string, (FindingSpan & { severity: Severity })[]>();
  for (const f of input.findings) bySite.set(f.siteId, [...(bySite.get(f.siteId) ?? []), f]);
  const allEnabled = coveredControls(input.controlMap, input.runbookIds);
  const coveredFor = (siteId: string) => {
    const off = input.disabled.get(siteId);
    return off && off.size ? coveredControls(input.controlMap, input.runbookIds.filter((id) => !off.has(id))) : allEnabled;
  };

  const health: Record<ApplianceHealth, number> = { online: 0, stale: 0, offline: 0, pending: 0 };
  const open: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const trendSums = Array.from({ length: days }, () => Object.fromEntries(FRAMEWORKS.map((f) => [f, [] as number[]])) as Record<Framework, number[]>);
  const rows: FleetSiteRow[] = [];
  let hosts = 0;
  let paused = 0;
  for (const site of input.sites) {
    health[site.applianceStatus]++;
    hosts += site.hostCount;
    if (site.healingPaused) paused++;
    const covered = coveredFor(site.id);
    const findings = bySite.get(site.id) ?? [];
    const siteOpen: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of findings) if (f.resolvedAt === null) siteOpen[f.severity]++;
    for (const s of SEVERITIES) open[s] += siteOpen[s];
    const scores = scoresFor(input.controlMap, covered, openAt(findings, now));
    rows.push({ ...site, scores, open: siteOpen, openTotal: SEVERITIES.reduce((a, s) => a + siteOpen[s], 0) });
    const trend = findings.length ? scoreTrend(input.controlMap, covered, findings, days, now) : null;
    for (let d = 0; d < days; d++) {
      const s = trend ? trend[d]!.scores : scores;
      for (const f of FRAMEWORKS) if (s[f] !== null) trendSums[d]![f].push(s[f]!);
    }
  }
  const DAY = 86_400_000;
  const today = Math.floor(now / DAY) * DAY;
  return {
    rows,
    totals: { sites: input.sites.length, hosts, open, health, paused },
    fleetScores: Object.fromEntries(FRAMEWORKS.map((f) => [f, meanScore(rows.map((r) => r.scores[f]))])) as Scores,
    trend: trendSums.map((sums, i) => ({ day: today - (days - 1 - i) * DAY, scores: Object.fromEntries(FRAMEWORKS.map((f) => [f, meanScore(sums[f])])) as Scores })),
    heals24h: byTier(input.heals, now - DAY),
    healsDaily: dailyHeals(input.heals, days, now),
    mttrMs: meanTimeToHealMs(input.heals, now - days * DAY),
  };
}

export const SORTS = ['name', 'hipaa', 'findings', 'health'] as const;
export type FleetSort = (typeof SORTS)[number];

const HEALTH_ORDER: Record<ApplianceHealth, number> = { offline: 0, stale: 1, pending: 2, online: 3 };

/** Filter and sort the site rows as the URL asks. */
export function selectRows(rows: readonly FleetSiteRow[], f: { clientId?: string; health?: ApplianceHealth; q?: string; sort: FleetSort }): FleetSiteRow[] {
  const q = f.q?.toLowerCase();
  const out = rows.filter((r) => (!f.clientId || r.clientId === f.clientId) && (!f.health || r.applianceStatus === f.health) && (!q || r.name.toLowerCase().includes(q)));
  const cmp: Record<FleetSort, (a: FleetSiteRow, b: FleetSiteRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    // Worst first: a partner looks at the sites that need them.
    hipaa: (a, b) => (a.scores.hipaa ?? 101) - (b.scores.hipaa ?? 101) || a.name.localeCompare(b.name),
    findings: (a, b) => b.open.critical - a.open.critical || b.openTotal - a.openTotal || a.name.localeCompare(b.name),
    health: (a, b) => HEALTH_ORDER[a.applianceStatus] - HEALTH_ORDER[b.applianceStatus] || a.name.localeCompare(b.name),
  };
  return out.sort(cmp[f.sort]);
}
