import { Type } from 'typebox';
import type { AttestationRow, RiskAcceptanceRow } from '@custos/db';
import { DateTime, Nullable, Uuid } from '../../schemas/common.js';

export const Framework = Type.Union([Type.Literal('hipaa'), Type.Literal('soc2'), Type.Literal('nistCsf'), Type.Literal('nist80053'), Type.Literal('cisV8')]);
export const ControlId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,63}$', description: 'a control id of the framework, e.g. 164.308(a)(2)' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** Whether the decision is signed evidence yet (packets read evidence only). */
export const EvidenceState = Type.Union([
  Type.Object({ state: Type.Literal('pending') }),
  Type.Object({ state: Type.Literal('recorded'), siteId: Uuid, seq: Type.Integer({ minimum: 0 }), digest: Sha256 }),
]);

const evidenceOf = (r: AttestationRow | RiskAcceptanceRow) =>
  r.evidence_digest && r.evidence_site_id && r.evidence_seq !== null
    ? { state: 'recorded' as const, siteId: r.evidence_site_id, seq: Number(r.evidence_seq), digest: r.evidence_digest }
    : { state: 'pending' as const };

export const AttestationView = Type.Object({
  id: Uuid,
  clientId: Uuid,
  framework: Framework,
  controlId: ControlId,
  statement: Type.String(),
  attestedBy: Type.Object({ id: Uuid, name: Type.String() }),
  attestedAt: DateTime,
  validUntil: DateTime,
  document: Nullable(Type.Object({ name: Type.String(), contentType: Type.String(), sha256: Sha256 })),
  evidence: EvidenceState,
});

export const attestationView = (r: AttestationRow) => ({
  id: r.id,
  clientId: r.client_id,
  framework: r.framework,
  controlId: r.control_id,
  statement: r.statement,
  attestedBy: { id: r.attested_by, name: r.attested_by_name },
  attestedAt: r.attested_at.toISOString(),
  validUntil: r.valid_until.toISOString(),
  document: r.document_name && r.document_type && r.document_sha256 ? { name: r.document_name, contentType: r.document_type, sha256: r.document_sha256 } : null,
  evidence: evidenceOf(r),
});

export const RiskAcceptanceView = Type.Object({
  id: Uuid,
  clientId: Uuid,
  subject: Type.String(),
  scope: Type.String(),
  reason: Type.String(),
  acceptedBy: Type.Object({ id: Uuid, name: Type.String() }),
  acceptedAt: DateTime,
  expiresAt: Nullable(DateTime),
  evidence: EvidenceState,
});

export const riskAcceptanceView = (r: RiskAcceptanceRow) => ({
  id: r.id,
  clientId: r.client_id,
  subject: r.subject,
  scope: r.scope,
  reason: r.reason,
  acceptedBy: { id: r.accepted_by, name: r.accepted_by_name },
  acceptedAt: r.accepted_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  evidence: evidenceOf(r),
});
