import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { AttestationRow, ReportFramework } from '../tables/reports.js';
import { getClient } from './tenancy.js';

type Db = Kysely<Database>;

export interface NewAttestation {
  clientId: string;
  framework: ReportFramework;
  controlId: string;
  statement: string;
  attestedBy: string;
  attestedByName: string;
  attestedAt: Date;
  validUntil: Date;
  document?: { name: string; contentType: string; sha256: string; bytes: Buffer };
}

/**
 * Stores an attestation (and its document) as a request for evidence; the caller decides the
 * transaction. Undefined when the client is not visible to the scope.
 */
export async function createAttestation(db: Db, scope: Scope, input: NewAttestation): Promise<AttestationRow | undefined> {
  const client = await getClient(db, scope, input.clientId);
  if (!client) return undefined;
  const row = await db
    .insertInto('attestations')
    .values({
      partner_id: client.partner_id,
      client_id: client.id,
      framework: input.framework,
      control_id: input.controlId,
      statement: input.statement,
      attested_by: input.attestedBy,
      attested_by_name: input.attestedByName,
      attested_at: input.attestedAt,
      valid_until: input.validUntil,
      document_name: input.document?.name ?? null,
      document_type: input.document?.contentType ?? null,
      document_sha256: input.document?.sha256 ?? null,
      evidence_site_id: null,
      evidence_seq: null,
      evidence_digest: null,
      evidence_recorded_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.document) await db.insertInto('attestation_documents').values({ attestation_id: row.id, bytes: input.document.bytes }).execute();
  return row;
}

export function listAttestations(db: Db, scope: Scope, filter: { clientId: string; limit: number }): Promise<AttestationRow[]> {
  return db
    .selectFrom('attestations')
    .selectAll()
    .where('client_id', '=', filter.clientId)
    .where(inScope(scope, 'attestations'))
    .orderBy('attested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

export function getAttestation(db: Db, scope: Scope, id: string): Promise<AttestationRow | undefined> {
  return db.selectFrom('attestations').selectAll().where('id', '=', id).where(inScope(scope, 'attestations')).executeTakeFirst();
}

/** The uploaded document of an attestation the scope may see. */
export async function getAttestationDocument(db: Db, scope: Scope, id: string): Promise<{ row: AttestationRow; bytes: Buffer } | undefined> {
  const row = await getAttestation(db, scope, id);
  if (!row || row.document_sha256 === null) return undefined;
  const doc = await db.selectFrom('attestation_documents').select('bytes').where('attestation_id', '=', row.id).executeTakeFirst();
  return doc ? { row, bytes: doc.bytes } : undefined;
}

/** Attestations of a client whose evidence is not recorded yet (oldest first). */
export function unrecordedAttestations(db: Db, scope: Scope, clientId: string): Promise<AttestationRow[]> {
  return db
    .selectFrom('attestations')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('evidence_digest', 'is', null)
    .where(inScope(scope, 'attestations'))
    .orderBy('attested_at')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Notes where an attestation's evidence bundle was logged; a second call for the same row changes nothing. */
export function markAttestationRecorded(db: Db, scope: Scope, input: { id: string; siteId: string; seq: number; digest: string }): Promise<AttestationRow | undefined> {
  return db
    .updateTable('attestations')
    .set({ evidence_site_id: input.siteId, evidence_seq: input.seq, evidence_digest: input.digest, evidence_recorded_at: new Date() })
    .where('id', '=', input.id)
    .where('evidence_digest', 'is', null)
    .where(inScope(scope, 'attestations'))
    .returningAll()
    .executeTakeFirst();
}
