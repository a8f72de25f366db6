import { sql } from 'kysely';
import { inScope, postureRecords, type PostureRecords, type Scope } from '@custos/db';
import { database } from '../db.js';

const DAY = 86_400_000;

export interface FindingRow {
  siteId: string;
  checkId: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  observedAt: number;
  resolvedAt: number | null;
}

export interface HealRow {
  siteId: string;
  tier: 'L1' | 'L2' | 'L3';
  status: string;
  startedAt: number;
  finishedAt: number | null;
}

/**
 * Findings open now or at any time in the last `days` days, in scope (the trend needs when each
 * opened and closed). One indexed query; the scope condition is the repositories' own `inScope`.
 */
export async function findingsSince(scope: Scope, days: number, siteIds?: readonly string[]): Promise<FindingRow[]> {
  const from = new Date(Date.now() - days * DAY);
  let q = database()
    .selectFrom('findings')
    .select(['site_id', 'check_id', 'severity', 'observed_at', 'resolved_at'])
    .where(inScope(scope, 'findings'))
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', from)]));
  if (siteIds) q = q.where('site_id', 'in', siteIds.length ? [...siteIds] : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  return rows.map((r) => ({ siteId: r.site_id, checkId: r.check_id, severity: r.severity, observedAt: r.observed_at.getTime(), resolvedAt: r.resolved_at?.getTime() ?? null }));
}

/**
 * What the sites' posture is scored from (lib/db postureRecords, as the API reads it): hosts,
 * findings open in the window or since, switched-off runbooks and the clients' attestations.
 */
export function postureSince(scope: Scope, days: number, siteIds?: readonly string[]): Promise<PostureRecords> {
  return postureRecords(database(), scope, { findingsSince: new Date(Date.now() - days * DAY), ...(siteIds && { siteIds }) });
}

export async function healsSince(scope: Scope, days: number, siteIds?: readonly string[]): Promise<HealRow[]> {
  let q = database()
    .selectFrom('heals')
    .select(['site_id', 'tier', 'status', 'started_at', 'finished_at'])
    .where(inScope(scope, 'heals'))
    .where('started_at', '>=', new Date(Date.now() - days * DAY));
  if (siteIds) q = q.where('site_id', 'in', siteIds.length ? [...siteIds] : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  return rows.map((r) => ({ siteId: r.site_id, tier: r.tier, status: r.status, startedAt: r.started_at.getTime(), finishedAt: r.finished_at?.getTime() ?? null }));
}

/** Open findings per site and severity, counted in the database. */
export async function openBySeverity(scope: Scope): Promise<{ siteId: string; severity: FindingRow['severity']; n: number }[]> {
  const rows = await database()
    .selectFrom('findings')
    .select(['site_id', 'severity', sql<number>`count(*)::int`.as('n')])
    .where('status', '=', 'open')
    .where(inScope(scope, 'findings'))
    .groupBy(['site_id', 'severity'])
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, severity: r.severity, n: r.n }));
}
