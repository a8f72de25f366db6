import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { assertPartnerWritable, inScope, type Scope } from '../scope.js';
import type { ChannelKind, NotificationChannel, RunbookSetting, Severity } from '../tables/operations.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

export function listRunbookSettings(db: Db, scope: Scope, filter: { siteId: string }): Promise<RunbookSetting[]> {
  return db
    .selectFrom('runbook_settings')
    .selectAll()
    .where('site_id', '=', filter.siteId)
    .where(inScope(scope, 'runbook_settings'))
    .orderBy('runbook_id')
    .limit(1000)
    .execute();
}

export async function putRunbookSetting(
  db: Db,
  scope: Scope,
  input: { siteId: string; runbookId: string; enabled: boolean; requireApproval: boolean; updatedBy: string },
): Promise<RunbookSetting | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  const values = { enabled: input.enabled, require_approval: input.requireApproval, updated_by: input.updatedBy, updated_at: new Date() };
  return db
    .insertInto('runbook_settings')
    .values({ partner_id: site.partner_id, client_id: site.client_id, site_id: site.id, runbook_id: input.runbookId, ...values })
    .onConflict((oc) => oc.columns(['site_id', 'runbook_id']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listChannels(db: Db, scope: Scope): Promise<NotificationChannel[]> {
  return db.selectFrom('notification_channels').selectAll().where(inScope(scope, 'notification_channels')).orderBy('name').limit(500).execute();
}

export function getChannel(db: Db, scope: Scope, id: string): Promise<NotificationChannel | undefined> {
  return db.selectFrom('notification_channels').selectAll().where('id', '=', id).where(inScope(scope, 'notification_channels')).executeTakeFirst();
}

export async function createChannel(
  db: Db,
  scope: Scope,
  input: { partnerId: string; kind: ChannelKind; name: string; target: string; minPriority: Severity },
): Promise<NotificationChannel> {
  assertPartnerWritable(scope, input.partnerId);
  return db
    .insertInto('notification_channels')
    .values({ partner_id: input.partnerId, kind: input.kind, name: input.name, target: input.target, min_priority: input.minPriority })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateChannel(
  db: Db,
  scope: Scope,
  id: string,
  change: { name?: string; target?: string; minPriority?: Severity; enabled?: boolean },
): Promise<NotificationChannel | undefined> {
  return db
    .updateTable('notification_channels')
    .set({
      ...(change.name !== undefined && { name: change.name }),
      ...(change.target !== undefined && { target: change.target }),
      ...(change.minPriority !== undefined && { min_priority: change.minPriority }),
      ...(change.enabled !== undefined && { enabled: change.enabled }),
    })
    .where('id', '=', id)
    .where(inScope(scope, 'notification_channels'))
    .returningAll()
    .executeTakeFirst();
}

export function deleteChannel(db: Db, scope: Scope, id: string): Promise<NotificationChannel | undefined> {
  return db.deleteFrom('notification_channels').where('id', '=', id).where(inScope(scope, 'notification_channels')).returningAll().executeTakeFirst();
}
