/**
 * Who is calling: the appliance bearer token enrolment issued (`cap_…`, sent by the Temporal SDK as
 * `authorization: Bearer …` when given as `apiKey`), looked up by its SHA-256 on every call. There
 * is no cache, so a revoked appliance is refused from its very next call.
 */
import type grpc from '@grpc/grpc-js';
import type { Kysely } from 'kysely';
import { findLiveApplianceByToken, type Database } from '@custos/db';
import { sha256, TOKEN_PREFIX } from '../auth/secrets.js';
import type { ApplianceCaller } from './policy.js';
import { unauthenticated } from './refusal.js';

const BEARER = /^Bearer (cap_[A-Za-z0-9_-]{10,200})$/;

export async function authenticateAppliance(db: Kysely<Database>, metadata: grpc.Metadata): Promise<ApplianceCaller> {
  const header = metadata.get('authorization');
  if (header.length === 0) throw unauthenticated('no appliance token: send "authorization: Bearer cap_…" (the SDK does so for apiKey)');
  const m = header.length === 1 && typeof header[0] === 'string' ? BEARER.exec(header[0]) : null;
  if (!m || !m[1]!.startsWith(TOKEN_PREFIX.appliance)) throw unauthenticated('the authorization header must be one "Bearer cap_…" appliance token');
  const appliance = await findLiveApplianceByToken(db, sha256(m[1]!));
  if (!appliance) throw unauthenticated('the appliance token is unknown or the appliance was revoked');
  return { applianceId: appliance.id, partnerId: appliance.partner_id, clientId: appliance.client_id, siteId: appliance.site_id };
}

/** Is the appliance still live (not revoked since the call started)? */
export async function stillLive(db: Kysely<Database>, caller: ApplianceCaller): Promise<boolean> {
  const row = await db.selectFrom('appliances').select('id').where('id', '=', caller.applianceId).where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}
