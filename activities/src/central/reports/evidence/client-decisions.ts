import { canonicalBytes, sha256, toHex } from '@custos/evidence';
import type { AttestationRow, RiskAcceptanceRow } from '@custos/db';
import type { Attestation, ExceptionRecord, Framework } from '@custos/core';
import type { EvidenceRequest } from '../../evidence/service/request.js';

/**
 * Decisions a client's people make — attestations of manual controls and risk acceptances — and
 * how they become evidence. Each is one approval bundle in the client's evidence site log: the
 * decision document (canonical JSON, the attester's name and statement included) is an artefact
 * under reports/decisions/, the bundle's `approval` section binds its SHA-256 (`planSha256`) to the
 * person's opaque id and the time, exactly as an L3 approval binds a heal plan. An uploaded
 * document is a second artefact, its digest also named in the decision document.
 */

export const DECISION_FOLDER = 'reports/decisions/';

export interface AttestationDocument {
  schema: 'custos.attestation/v1';
  id: string;
  clientId: string;
  framework: Framework;
  controlId: string;
  statement: string;
  attestedBy: { id: string; name: string };
  attestedAt: string;
  validUntil: string;
  document: { name: string; contentType: string; sha256: string; artefact: string } | null;
}

export interface RiskAcceptanceDocument {
  schema: 'custos.risk-acceptance/v1';
  id: string;
  clientId: string;
  subject: string;
  scope: string;
  reason: string;
  acceptedBy: { id: string; name: string };
  acceptedAt: string;
  expiresAt: string | null;
}

export const attestationArtefact = (id: string) => `${DECISION_FOLDER}attestations/${id}.json`;
export const attestationDocumentArtefact = (id: string, name: string) => `${DECISION_FOLDER}attestations/${id}/${name}`;
export const riskAcceptanceArtefact = (id: string) => `${DECISION_FOLDER}risk-acceptances/${id}.json`;

export function attestationDocument(row: AttestationRow): AttestationDocument {
  return {
    schema: 'custos.attestation/v1',
    id: row.id,
    clientId: row.client_id,
    framework: row.framework,
    controlId: row.control_id,
    statement: row.statement,
    attestedBy: { id: row.attested_by, name: row.attested_by_name },
    attestedAt: row.attested_at.toISOString(),
    validUntil: row.valid_until.toISOString(),
    document:
      row.document_name && row.document_type && row.document_sha256
        ? { name: row.document_name, contentType: row.document_type, sha256: row.document_sha256, artefact: attestationDocumentArtefact(row.id, row.document_name) }
        : null,
  };
}

export function riskAcceptanceDocument(row: RiskAcceptanceRow): RiskAcceptanceDocument {
  return {
    schema: 'custos.risk-acceptance/v1',
    id: row.id,
    clientId: row.client_id,
    subject: row.subject,
    scope: row.scope,
    reason: row.reason,
    acceptedBy: { id: row.accepted_by, name: row.accepted_by_name },
    acceptedAt: row.accepted_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

// Names and statements are people's own words: allowFloats also admits non-NFC text unchanged.
const documentBytes = (doc: AttestationDocument | RiskAcceptanceDocument) => canonicalBytes(doc, { allowFloats: true });

/** The evidence request that records an attestation (idempotent per attestation). */
export function attestationEvidence(row: AttestationRow, siteId: string, runId: string, documentBytesOfUpload?: Uint8Array): EvidenceRequest {
  const doc = attestationDocument(row);
  if (doc.document && !documentBytesOfUpload) throw new Error(`attestation ${row.id} names a document but its bytes are missing`);
  if (doc.document && toHex(sha256(documentBytesOfUpload!)) !== doc.document.sha256) throw new Error(`attestation ${row.id}: the stored document does not hash to ${doc.document.sha256}`);
  const bytes = documentBytes(doc);
  return {
    requestKey: `attestation:${row.id}`,
    siteId,
    kind: 'approval',
    runId,
    startedAt: doc.attestedAt,
    finishedAt: doc.attestedAt,
    approval: { ofRun: row.id, planSha256: toHex(sha256(bytes)), decision: 'approved', approver: row.attested_by, decidedAt: doc.attestedAt },
    artefacts: [
      { name: attestationArtefact(row.id), bytes, contentType: 'application/json' },
      ...(doc.document ? [{ name: doc.document.artefact, bytes: documentBytesOfUpload!, contentType: doc.document.contentType }] : []),
    ],
  };
}

export function riskAcceptanceEvidence(row: RiskAcceptanceRow, siteId: string, runId: string): EvidenceRequest {
  const doc = riskAcceptanceDocument(row);
  const bytes = documentBytes(doc);
  return {
    requestKey: `risk-acceptance:${row.id}`,
    siteId,
    kind: 'approval',
    runId,
    startedAt: doc.acceptedAt,
    finishedAt: doc.acceptedAt,
    approval: { ofRun: row.id, planSha256: toHex(sha256(bytes)), decision: 'approved', approver: row.accepted_by, decidedAt: doc.acceptedAt },
    artefacts: [{ name: riskAcceptanceArtefact(row.id), bytes, contentType: 'application/json' }],
  };
}

const FRAMEWORKS: readonly string[] = ['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function text(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new Error(`${where} must be a non-empty string`);
  return v;
}

function time(v: unknown, where: string): string {
  if (typeof v !== 'string' || !ISO.test(v)) throw new Error(`${where} must be an ISO 8601 UTC time`);
  return v;
}

/**
 * The attestation a verified decision document states, as posture input. Throws naming the field
 * when the document is not an attestation this code wrote; `evidenceId` is the bundle digest.
 */
export function attestationFrom(value: unknown, evidenceId: string): Attestation & { statement: string; attestedByName: string; hasDocument: boolean } {
  const d = value as Partial<AttestationDocument>;
  if (d?.schema !== 'custos.attestation/v1') throw new Error('decision document is not custos.attestation/v1');
  if (!FRAMEWORKS.includes(d.framework as string)) throw new Error(`attestation framework ${JSON.stringify(d.framework)} is unknown`);
  return {
    framework: d.framework!,
    controlId: text(d.controlId, 'attestation controlId'),
    attestedBy: text(d.attestedBy?.name, 'attestation attestedBy.name'),
    attestedByName: text(d.attestedBy?.name, 'attestation attestedBy.name'),
    attestedAt: time(d.attestedAt, 'attestation attestedAt'),
    validUntil: time(d.validUntil, 'attestation validUntil'),
    statement: text(d.statement, 'attestation statement'),
    hasDocument: d.document != null,
    evidenceId,
  };
}

export function exceptionFrom(value: unknown): ExceptionRecord {
  const d = value as Partial<RiskAcceptanceDocument>;
  if (d?.schema !== 'custos.risk-acceptance/v1') throw new Error('decision document is not custos.risk-acceptance/v1');
  return {
    id: text(d.id, 'risk acceptance id'),
    subject: text(d.subject, 'risk acceptance subject'),
    scope: text(d.scope, 'risk acceptance scope'),
    reason: text(d.reason, 'risk acceptance reason'),
    acceptedBy: text(d.acceptedBy?.name, 'risk acceptance acceptedBy.name'),
    acceptedAt: time(d.acceptedAt, 'risk acceptance acceptedAt'),
    ...(d.expiresAt ? { expiresAt: time(d.expiresAt, 'risk acceptance expiresAt') } : {}),
  };
}
