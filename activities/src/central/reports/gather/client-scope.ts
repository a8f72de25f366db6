import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { FailureType } from '@custos/core';
import { getClient, type Client, type Database, type Scope } from '@custos/db';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ClientScope = Extract<Scope, { kind: 'clients' }>;

/**
 * The scope a worker acting for one client uses (its packet, its decisions): resolved once from the
 * client row. An unknown client is a non-retryable NotFound.
 */
export async function clientScope(db: Kysely<Database>, clientId: string): Promise<{ scope: ClientScope; client: Client }> {
  const client = UUID.test(clientId) ? await getClient(db, { kind: 'platform' }, clientId) : undefined;
  if (!client) throw ApplicationFailure.create({ type: FailureType.NotFound, nonRetryable: true, message: `client ${clientId} does not exist` });
  return { scope: { kind: 'clients', partnerId: client.partner_id, clientIds: [client.id] }, client };
}

/**
 * The site log a client's own evidence (packets, attestations, risk acceptances) is appended to:
 * its first site, by creation. Evidence logs are per site; this keeps a client's reports in one log
 * an auditor finds without searching. A client without a site has nowhere to log evidence.
 */
export async function clientEvidenceSite(db: Kysely<Database>, scope: ClientScope, clientId: string): Promise<string> {
  const site = await db
    .selectFrom('sites')
    .select('id')
    .where('client_id', '=', clientId)
    .where('partner_id', '=', scope.partnerId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!site) throw ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: `client ${clientId} has no site, so there is no evidence log to record its reports in; add a site first` });
  return site.id;
}
