import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { Appliance, EnrolmentCode } from '../tables/appliances.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

/** Appliance columns safe to show: never the token hash. */
const PUBLIC_COLUMNS = [
  'id',
  'partner_id',
  'client_id',
  'site_id',
  'name',
  'public_key',
  'agent_version',
  'health',
  'last_heartbeat_at',
  'enrolled_at',
  'revoked_at',
] as const;
export type ApplianceView = Pick<Appliance, (typeof PUBLIC_COLUMNS)[number]>;

export async function createEnrolmentCode(
  db: Db,
  scope: Scope,
  input: { siteId: string; codeSha256: Buffer; createdBy: string; expiresAt: Date },
): Promise<EnrolmentCode | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  return db
    .insertInto('enrolment_codes')
    .values({
      partner_id: site.partner_id,
      client_id: site.client_id,
      site_id: site.id,
      code_sha256: input.codeSha256,
      created_by: input.createdBy,
      expires_at: input.expiresAt,
      used_at: null,
      appliance_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Spends a one-time code and creates the appliance in one statement sequence; call it inside a
 * transaction. The conditional UPDATE is the replay guard: a second presentation finds no row.
 * Not scoped: the code itself is the appliance's only credential at this point.
 */
export async function redeemEnrolmentCode(
  trx: Db,
  input: { codeSha256: Buffer; name: string; publicKey: Buffer; tokenSha256: Buffer; agentVersion: string | null },
): Promise<ApplianceView | undefined> {
  const code = await trx
    .updateTable('enrolment_codes')
    .set({ used_at: new Date() })
    .where('code_sha256', '=', input.codeSha256)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returningAll()
    .executeTakeFirst();
  if (!code) return undefined;
  const appliance = await trx
    .insertInto('appliances')
    .values({
      partner_id: code.partner_id,
      client_id: code.client_id,
      site_id: code.site_id,
      name: input.name,
      public_key: input.publicKey,
      token_sha256: input.tokenSha256,
      agent_version: input.agentVersion,
      health: null,
      last_heartbeat_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
  await trx.updateTable('enrolment_codes').set({ appliance_id: appliance.id }).where('id', '=', code.id).execute();
  return appliance;
}

/** The appliance a bearer token belongs to, if it is not revoked. Revocation is therefore immediate. */
export function findLiveApplianceByToken(db: Db, tokenSha256: Buffer): Promise<ApplianceView | undefined> {
  return db
    .selectFrom('appliances')
    .select(PUBLIC_COLUMNS)
    .where('token_sha256', '=', tokenSha256)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function recordHeartbeat(
  db: Db,
  scope: Scope,
  input: { applianceId: string; agentVersion: string; health: unknown },
): Promise<boolean> {
  const r = await db
    .updateTable('appliances')
    .set({ agent_version: input.agentVersion, health: JSON.stringify(input.health), last_heartbeat_at: new Date() })
    .where('id', '=', input.applianceId)
    .where('revoked_at', 'is', null)
    .where(inScope(scope, 'appliances'))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export function listAppliances(db: Db, scope: Scope, filter: { siteId: string }): Promise<ApplianceView[]> {
  return db
    .selectFrom('appliances')
    .select(PUBLIC_COLUMNS)
    .where('site_id', '=', filter.siteId)
    .where(inScope(scope, 'appliances'))
    .orderBy('enrolled_at')
    .limit(100)
    .execute();
}

export function getAppliance(db: Db, scope: Scope, id: string): Promise<ApplianceView | undefined> {
  return db.selectFrom('appliances').select(PUBLIC_COLUMNS).where('id', '=', id).where(inScope(scope, 'appliances')).executeTakeFirst();
}

export function revokeAppliance(db: Db, scope: Scope, input: { applianceId: string; by: string }): Promise<ApplianceView | undefined> {
  return db
    .updateTable('appliances')
    .set({ revoked_at: new Date(), revoked_by: input.by })
    .where('id', '=', input.applianceId)
    .where('revoked_at', 'is', null)
    .where(inScope(scope, 'appliances'))
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
}
