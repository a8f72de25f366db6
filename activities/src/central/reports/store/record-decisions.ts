import type { Kysely } from 'kysely';
import {
  markAttestationRecorded, markRiskAcceptanceRecorded, unrecordedAttestations, unrecordedRiskAcceptances, type Database,
} from '@custos/db';
import type { EvidenceService } from '../../evidence/service/evidence-service.js';
import { attestationEvidence, riskAcceptanceEvidence } from '../evidence/client-decisions.js';
import { clientEvidenceSite, clientScope } from '../gather/client-scope.js';

export interface RecordedDecisions {
  attestations: number;
  riskAcceptances: number;
}

/**
 * Records every attestation and risk acceptance of a client that is not evidence yet, oldest first,
 * and notes where each was logged. Safe to run twice at once: the evidence request key is per
 * decision (a second recording answers the first), and the row is marked only once.
 */
export async function recordClientDecisions(db: Kysely<Database>, service: EvidenceService, clientId: string, runId: string): Promise<RecordedDecisions> {
  const { scope, client } = await clientScope(db, clientId);
  const attestations = await unrecordedAttestations(db, scope, client.id);
  const acceptances = await unrecordedRiskAcceptances(db, scope, client.id);
  if (attestations.length + acceptances.length === 0) return { attestations: 0, riskAcceptances: 0 };
  const siteId = await clientEvidenceSite(db, scope, client.id);
  for (const row of attestations) {
    const document = row.document_sha256 === null ? undefined : (await db.selectFrom('attestation_documents').select('bytes').where('attestation_id', '=', row.id).executeTakeFirstOrThrow()).bytes;
    const recorded = await service.record(attestationEvidence(row, siteId, runId, document ? new Uint8Array(document) : undefined));
    await markAttestationRecorded(db, scope, { id: row.id, siteId: recorded.siteId, seq: recorded.seq, digest: recorded.digest });
  }
  for (const row of acceptances) {
    const recorded = await service.record(riskAcceptanceEvidence(row, siteId, runId));
    await markRiskAcceptanceRecorded(db, scope, { id: row.id, siteId: recorded.siteId, seq: recorded.seq, digest: recorded.digest });
  }
  return { attestations: attestations.length, riskAcceptances: acceptances.length };
}
