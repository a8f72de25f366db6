import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { RiskAcceptanceRow } from '../tables/reports.js';
import { getClient } from './tenancy.js';

type Db = Kysely<Database>;

export interface NewRiskAcceptance {
  clientId: string;
  /** The runbook or control the acceptance covers. */
  subject: string;
  scope: string;
  reason: string;
  acceptedBy: string;
  acceptedByName: string;
  acceptedAt: Date;
  expiresAt: Date | null;
}

/** Stores a risk acceptance as a request for evidence. Undefined when the client is not visible. */
export async function createRiskAcceptance(db: Db, scope: Scope, input: NewRiskAcceptance): Promise<RiskAcceptanceRow | undefined> {
  const client = await getClient(db, scope, input.clientId);
  if (!client) return undefined;
  return db
    .insertInto('risk_acceptances')
    .values({
      partner_id: client.partner_id,
      client_id: client.id,
      subject: input.subject,
      scope: input.scope,
      reason: input.reason,
      accepted_by: input.acceptedBy,
      accepted_by_name: input.acceptedByName,
      accepted_at: input.acceptedAt,
      expires_at: input.expiresAt,
      evidence_site_id: null,
      evidence_seq: null,
      evidence_digest: null,
      evidence_recorded_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listRiskAcceptances(db: Db, scope: Scope, filter: { clientId: string; limit: number }): Promise<RiskAcceptanceRow[]> {
  return db
    .selectFrom('risk_acceptances')
    .selectAll()
    .where('client_id', '=', filter.clientId)
    .where(inScope(scope, 'risk_acceptances'))
    .orderBy('accepted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

export function getRiskAcceptance(db: Db, scope: Scope, id: string): Promise<RiskAcceptanceRow | undefined> {
  return db.selectFrom('risk_acceptances').selectAll().where('id', '=', id).where(inScope(scope, 'risk_acceptances')).executeTakeFirst();
}

export function unrecordedRiskAcceptances(db: Db, scope: Scope, clientId: string): Promise<RiskAcceptanceRow[]> {
  return db
    .selectFrom('risk_acceptances')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('evidence_digest', 'is', null)
    .where(inScope(scope, 'risk_acceptances'))
    .orderBy('accepted_at')
    .orderBy('id')
    .limit(1000)
    .execute();
}

export function markRiskAcceptanceRecorded(db: Db, scope: Scope, input: { id: string; siteId: string; seq: number; digest: string }): Promise<RiskAcceptanceRow | undefined> {
  return db
    .updateTable('risk_acceptances')
    .set({ evidence_site_id: input.siteId, evidence_seq: input.seq, evidence_digest: input.digest, evidence_recorded_at: new Date() })
    .where('id', '=', input.id)
    .where('evidence_digest', 'is', null)
    .where(inScope(scope, 'risk_acceptances'))
    .returningAll()
    .executeTakeFirst();
}
