import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { Host, HostRole } from '../tables/tenancy.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

/** Records a discovered host (idempotent per site and hostname). Undefined when the site is out of scope. */
export async function upsertHost(
  db: Db,
  scope: Scope,
  input: { siteId: string; hostname: string; os: string | null; role: HostRole },
): Promise<Host | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  return db
    .insertInto('hosts')
    .values({ partner_id: site.partner_id, client_id: site.client_id, site_id: site.id, hostname: input.hostname, os: input.os, role: input.role })
    .onConflict((oc) => oc.columns(['site_id', 'hostname']).doUpdateSet({ os: input.os, role: input.role }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listHosts(db: Db, scope: Scope, filter: { siteId: string; limit: number; after?: string }): Promise<Host[]> {
  let q = db.selectFrom('hosts').selectAll().where('site_id', '=', filter.siteId).where(inScope(scope, 'hosts'));
  if (filter.after !== undefined) q = q.where('hostname', '>', filter.after);
  return q.orderBy('hostname').limit(filter.limit).execute();
}

export function getHost(db: Db, scope: Scope, id: string): Promise<Host | undefined> {
  return db.selectFrom('hosts').selectAll().where('id', '=', id).where(inScope(scope, 'hosts')).executeTakeFirst();
}
