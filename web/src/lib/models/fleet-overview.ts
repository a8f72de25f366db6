import { nextPostureChange, recordedScopes, type ControlDefinition, type PostureRecordSet, type RunbookApplicability } from '@custos/core/posture';
import { dayEnds, FRAMEWORKS, meanScore, scoresOverDays, type Scores } from './compliance-score.js';
import { byTier, dailyHeals, meanTimeToHealMs, type DailyHeals, type HealFact, type Tier } from './heal-stats.js';
import type { SiteScoreMemo, SiteScores } from './site-score-memo.js';

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
  /** The controls posture is scored on (the catalogue's, as the packet scores them). */
  controls: readonly ControlDefinition[];
  /** Catalogue runbooks with the host kinds they target. */
  runbooks: readonly RunbookApplicability[];
  /** Hosts, findings, switched-off runbooks and attestations of the sites, read in scope. */
  records: PostureRecordSet;
  /** Open findings counted per site and severity (in the database). */
  open: readonly { siteId: string; severity: Severity; n: number }[];
  heals: readonly (HealFact & { siteId: string })[];
  days: number;
  now: number;
  /** Scores kept from earlier requests, reused for sites whose record has not changed (same catalogue). */
  memo?: SiteScoreMemo;
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
 * Everything the fleet overview shows, from rows the server read in scope. Each site is scored with
 * lib/core posture over its hosts at every day's end (scoreSeries reuses a day's scores when nothing
 * changed, so a quiet site costs one scoring; with a memo, a site unchanged since an earlier request
 * costs none); the fleet figure is the mean of the sites' scores.
 */
export function fleetOverview(input: FleetInput): FleetOverview {
  const { now, days } = input;
  const openBySite = new Map<string, Record<Severity, number>>();
  for (const o of input.open) {
    const counts = openBySite.get(o.siteId) ?? { critical: 0, high: 0, medium: 0, low: 0 };
    counts[o.severity] += o.n;
    openBySite.set(o.siteId, counts);
  }
  const scopes = recordedScopes(input.records, input.runbooks);
  const siteScores = (siteId: string): SiteScores => {
    const compute = () => {
      const scope = scopes.site(siteId);
      return { value: scoresOverDays({ controls: input.controls, ...scope }, days, now), validUntil: nextPostureChange(scope, now) };
    };
    return input.memo ? input.memo.scores(siteId, days, now, scopes.siteInputsKey(siteId), compute) : compute().value;
  };

  const health: Record<ApplianceHealth, number> = { online: 0, stale: 0, offline: 0, pending: 0 };
  const open: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  // Per day and framework: the sum and count of the site scores that exist (meanScore's rule, added up in site order).
  const trendSum = new Float64Array(days * FRAMEWORKS.length);
  const trendCount = new Uint32Array(days * FRAMEWORKS.length);
  const rows: FleetSiteRow[] = [];
  let hosts = 0;
  let paused = 0;
  for (const site of input.sites) {
    health[site.applianceStatus]++;
    hosts += site.hostCount;
    if (site.healingPaused) paused++;
    const siteOpen = openBySite.get(site.id) ?? { critical: 0, high: 0, medium: 0, low: 0 };
    for (const s of SEVERITIES) open[s] += siteOpen[s];
    const { scores, trend } = siteScores(site.id);
    rows.push({ ...site, scores, open: siteOpen, openTotal: SEVERITIES.reduce((a, s) => a + siteOpen[s], 0) });
    for (let d = 0; d < days; d++) {
      const scoresOfDay = trend[d]!.scores;
      FRAMEWORKS.forEach((f, k) => {
        const v = scoresOfDay[f];
        if (v === null) return;
        const at = d * FRAMEWORKS.length + k;
        trendSum[at] = trendSum[at]! + v;
        trendCount[at] = trendCount[at]! + 1;
      });
    }
  }
  const DAY = 86_400_000;
  return {
    rows,
    totals: { sites: input.sites.length, hosts, open, health, paused },
    fleetScores: Object.fromEntries(FRAMEWORKS.map((f) => [f, meanScore(rows.map((r) => r.scores[f]))])) as Scores,
    trend: dayEnds(days, now).map((e, i) => ({
      day: e.day,
      scores: Object.fromEntries(FRAMEWORKS.map((f, k) => [f, trendCount[i * FRAMEWORKS.length + k]! === 0 ? null : trendSum[i * FRAMEWORKS.length + k]! / trendCount[i * FRAMEWORKS.length + k]!])) as Scores,
    })),
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
