/**
 * The appliance gateway's ledger of delivered activity tasks (see the migration for why). Not
 * tenant-scoped: the gateway acts for exactly the appliance its caller authenticated as, and every
 * lookup is keyed by that appliance's id.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

type Db = Kysely<Database>;

export async function recordDeliveredTask(
  db: Db,
  input: { tokenSha256: Buffer; applianceId: string; siteId: string; workflowId: string; activityId: string; expiresAt: Date },
): Promise<void> {
  const row = {
    token_sha256: input.tokenSha256,
    appliance_id: input.applianceId,
    site_id: input.siteId,
    workflow_id: input.workflowId.slice(0, 1000),
    activity_id: input.activityId.slice(0, 1000),
    expires_at: input.expiresAt,
  };
  await db
    .insertInto('gateway_task_tokens')
    .values(row)
    .onConflict((oc) => oc.column('token_sha256').doUpdateSet({ appliance_id: row.appliance_id, site_id: row.site_id, expires_at: row.expires_at, delivered_at: new Date() }))
    .execute();
}

/** True when this token was delivered to this appliance and has not expired. */
export async function wasTaskDeliveredTo(db: Db, input: { tokenSha256: Buffer; applianceId: string; now: Date }): Promise<boolean> {
  const row = await db
    .selectFrom('gateway_task_tokens')
    .select('appliance_id')
    .where('token_sha256', '=', input.tokenSha256)
    .where('appliance_id', '=', input.applianceId)
    .where('expires_at', '>', input.now)
    .executeTakeFirst();
  return row !== undefined;
}

export async function forgetDeliveredTask(db: Db, tokenSha256: Buffer): Promise<void> {
  await db.deleteFrom('gateway_task_tokens').where('token_sha256', '=', tokenSha256).execute();
}

/** Drops expired rows; returns how many. */
export async function purgeExpiredDeliveredTasks(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('gateway_task_tokens').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
