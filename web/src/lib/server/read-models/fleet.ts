import { sql } from 'kysely';
import { applianceStatus } from '@custos/core';
import { inScope, listFleet, postureRecords, type PostureRecords, type Scope } from '@custos/db';
import type { FleetSiteInput } from '$lib/models/fleet-overview';
import { database } from '../db.js';

const DAY = 86_400_000;

export interface HealRow {
  siteId: string;
  tier: 'L1' | 'L2' | 'L3';
  status: string;
  startedAt: number;
  finishedAt: number | null;
}

/**
 * Every site in scope with its host count and appliance health: lib/db listFleet, the query behind
 * the API's GET /fleet, with the same appliance rule. Read here in pages of a thousand, since a
 * partner's fleet of a thousand sites through the API is five round trips in a row.
 */
export async function fleetSites(scope: Scope): Promise<FleetSiteInput[]> {
  const out: FleetSiteInput[] = [];
  let cursor: string | undefined;
  do {
    const page = await listFleet(database(), scope, { limit: 1000, ...(cursor !== undefined && { cursor }) });
    const now = Date.now();
    for (const s of page.items) {
      out.push({ id: s.id, name: s.name, clientId: s.client_id, healingPaused: s.healing_paused, hostCount: s.host_count, applianceStatus: applianceStatus(s.last_heartbeat_at, now) });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
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
export async function openBySeverity(scope: Scope): Promise<{ siteId: string; severity: 'critical' | 'high' | 'medium' | 'low'; n: number }[]> {
  const rows = await database()
    .selectFrom('findings')
    .select(['site_id', 'severity', sql<number>`count(*)::int`.as('n')])
    .where('status', '=', 'open')
    .where(inScope(scope, 'findings'))
    .groupBy(['site_id', 'severity'])
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, severity: r.severity, n: r.n }));
}
