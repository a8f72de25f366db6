import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { assertPartnerWritable, inScope, OutOfScopeError, type Scope } from '../scope.js';
import type { Client, Partner, Site } from '../tables/tenancy.js';

type Db = Kysely<Database>;

export async function createPartner(db: Db, scope: Scope, input: { name: string; slug: string }): Promise<Partner> {
  if (scope.kind !== 'platform') throw new OutOfScopeError('only the platform scope creates partners');
  return db.insertInto('partners').values(input).returningAll().executeTakeFirstOrThrow();
}

export function listPartners(db: Db, scope: Scope): Promise<Partner[]> {
  return db.selectFrom('partners').selectAll().where(inScope(scope, 'partners')).orderBy('name').orderBy('id').limit(1000).execute();
}

export function getPartner(db: Db, scope: Scope, id: string): Promise<Partner | undefined> {
  return db.selectFrom('partners').selectAll().where('id', '=', id).where(inScope(scope, 'partners')).executeTakeFirst();
}

export async function createClient(db: Db, scope: Scope, input: { partnerId: string; name: string }): Promise<Client | undefined> {
  const partner = await getPartner(db, scope, input.partnerId);
  if (!partner) return undefined;
  assertPartnerWritable(scope, partner.id);
  return db.insertInto('clients').values({ partner_id: partner.id, name: input.name }).returningAll().executeTakeFirstOrThrow();
}

export function listClients(db: Db, scope: Scope): Promise<Client[]> {
  return db.selectFrom('clients').selectAll().where(inScope(scope, 'clients')).orderBy('name').orderBy('id').limit(1000).execute();
}

export function getClient(db: Db, scope: Scope, id: string): Promise<Client | undefined> {
  return db.selectFrom('clients').selectAll().where('id', '=', id).where(inScope(scope, 'clients')).executeTakeFirst();
}

export async function createSite(db: Db, scope: Scope, input: { clientId: string; name: string }): Promise<Site | undefined> {
  const client = await getClient(db, scope, input.clientId);
  if (!client) return undefined;
  assertPartnerWritable(scope, client.partner_id);
  return db
    .insertInto('sites')
    .values({ partner_id: client.partner_id, client_id: client.id, name: input.name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listSites(db: Db, scope: Scope, filter: { clientId?: string } = {}): Promise<Site[]> {
  let q = db.selectFrom('sites').selectAll().where(inScope(scope, 'sites'));
  if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId);
  return q.orderBy('name').orderBy('id').limit(1000).execute();
}

export function getSite(db: Db, scope: Scope, id: string): Promise<Site | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).where(inScope(scope, 'sites')).executeTakeFirst();
}

/** The healing kill-switch. Returns undefined when the site is not visible to the scope. */
export function setHealingPaused(
  db: Db,
  scope: Scope,
  siteId: string,
  change: { paused: boolean; reason: string | null; by: string },
): Promise<Site | undefined> {
  return db
    .updateTable('sites')
    .set({
      healing_paused: change.paused,
      healing_paused_reason: change.paused ? change.reason : null,
      healing_paused_by: change.paused ? change.by : null,
      healing_paused_at: change.paused ? new Date() : null,
    })
    .where('id', '=', siteId)
    .where(inScope(scope, 'sites'))
    .returningAll()
    .executeTakeFirst();
}

export interface ScheduleTargets {
  clientIds: string[];
  /**
   * `live`: an appliance has enrolled for the site, or hosts have been inventoried there (discovery
   * runs through an appliance; the lab records its hosts directly). Its Schedules should be on.
   */
  sites: { id: string; clientId: string; live: boolean }[];
}

/**
 * Every client and site in the scope, ids only and not limited: what the central worker reconciles
 * the Temporal side (packet Schedules, site entities, scan Schedules) against at start.
 */
export async function listScheduleTargets(db: Db, scope: Scope): Promise<ScheduleTargets> {
  const clients = await db.selectFrom('clients').select('id').where(inScope(scope, 'clients')).orderBy('id').execute();
  const sites = await db
    .selectFrom('sites')
    .select((eb) => [
      'sites.id',
      'sites.client_id',
      eb
        .or([
          eb.exists(eb.selectFrom('appliances').select('appliances.id').whereRef('appliances.site_id', '=', 'sites.id')),
          eb.exists(eb.selectFrom('hosts').select('hosts.id').whereRef('hosts.site_id', '=', 'sites.id')),
        ])
        .as('live'),
    ])
    .where(inScope(scope, 'sites'))
    .orderBy('sites.id')
    .execute();
  return { clientIds: clients.map((c) => c.id), sites: sites.map((s) => ({ id: s.id, clientId: s.client_id, live: s.live === true })) };
}
