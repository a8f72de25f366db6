import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { decodeCursor, toPage, type Page } from '../pagination.js';
import { inScope, type Scope } from '../scope.js';
import type { Finding, Severity } from '../tables/operations.js';
import { getHost } from './hosts.js';

type Db = Kysely<Database>;

export interface FindingFilter {
  siteId?: string;
  status?: 'open' | 'resolved';
  severity?: Severity;
  limit: number;
  cursor?: string;
}

/** Findings newest first, keyset-paginated on (observed_at, id). */
export async function listFindings(db: Db, scope: Scope, filter: FindingFilter): Promise<Page<Finding>> {
  let q = db.selectFrom('findings').selectAll().where(inScope(scope, 'findings'));
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.severity !== undefined) q = q.where('severity', '=', filter.severity);
  if (filter.cursor !== undefined) {
    const c = decodeCursor(filter.cursor);
    q = q.where(sql<boolean>`(observed_at, id) < (${c.at}, ${c.id})`);
  }
  const rows = await q.orderBy('observed_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
  return toPage(rows, filter.limit, (r) => ({ at: r.observed_at, id: r.id }));
}

export function getFinding(db: Db, scope: Scope, id: string): Promise<Finding | undefined> {
  return db.selectFrom('findings').selectAll().where('id', '=', id).where(inScope(scope, 'findings')).executeTakeFirst();
}

/** Records a failing check on a host (central worker, site scope). Undefined when the host is out of scope. */
export async function recordFinding(
  db: Db,
  scope: Scope,
  input: { hostId: string; checkId: string; controlIds: string[]; severity: Severity; summary: string; observedAt: Date },
): Promise<Finding | undefined> {
  const host = await getHost(db, scope, input.hostId);
  if (!host) return undefined;
  return db
    .insertInto('findings')
    .values({
      partner_id: host.partner_id,
      client_id: host.client_id,
      site_id: host.site_id,
      host_id: host.id,
      check_id: input.checkId,
      control_ids: input.controlIds,
      severity: input.severity,
      status: 'open',
      summary: input.summary,
      observed_at: input.observedAt,
      resolved_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
