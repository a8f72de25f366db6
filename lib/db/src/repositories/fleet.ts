import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { decodeCursor, toPage, type Page } from '../pagination.js';
import { inScope, type Scope } from '../scope.js';

type Db = Kysely<Database>;

export interface FleetSite {
  id: string;
  name: string;
  partner_id: string;
  client_id: string;
  healing_paused: boolean;
  created_at: Date;
  host_count: number;
  open_findings: number;
  last_heartbeat_at: Date | null;
}

/**
 * The fleet overview: every site in scope with its host count, open findings and the newest
 * heartbeat of its live appliances. Correlated sub-queries each hit one index per site.
 */
export async function listFleet(db: Db, scope: Scope, page: { limit: number; cursor?: string }): Promise<Page<FleetSite>> {
  let q = db
    .selectFrom('sites as s')
    .select(['s.id', 's.name', 's.partner_id', 's.client_id', 's.healing_paused', 's.created_at'])
    .select((eb) => [
      eb.selectFrom('hosts as h').whereRef('h.site_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('host_count'),
      eb
        .selectFrom('findings as f')
        .whereRef('f.site_id', '=', 's.id')
        .where('f.status', '=', 'open')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('open_findings'),
      eb
        .selectFrom('appliances as a')
        .whereRef('a.site_id', '=', 's.id')
        .where('a.revoked_at', 'is', null)
        .select((e) => e.fn.max('a.last_heartbeat_at').as('t'))
        .as('last_heartbeat_at'),
    ])
    .where(inScope(scope, 'sites', 's'));
  if (page.cursor !== undefined) {
    const c = decodeCursor(page.cursor);
    q = q.where(sql<boolean>`(s.created_at, s.id) > (${c.at}, ${c.id})`);
  }
  const rows = await q.orderBy('s.created_at').orderBy('s.id').limit(page.limit + 1).execute();
  const items = rows.map((r) => ({
    ...r,
    host_count: r.host_count ?? 0,
    open_findings: r.open_findings ?? 0,
    last_heartbeat_at: r.last_heartbeat_at ?? null,
  }));
  return toPage(items, page.limit, (r) => ({ at: r.created_at, id: r.id }));
}
