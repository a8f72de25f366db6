import { Type } from 'typebox';
import type { CompliancePacketEntry } from '@custos/db';
import { DateTime, Nullable, Uuid } from '../../schemas/common.js';

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lower-case hex SHA-256' });
export const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'calendar month, YYYY-MM (UTC)' });

export const PacketView = Type.Object({
  id: Uuid,
  clientId: Uuid,
  month: Month,
  packetId: Type.String(),
  hipaaScore: Nullable(Type.Number({ description: 'HIPAA posture score, 0–100 (the one posture formula)' })),
  pdfSha256: Sha256,
  jsonSha256: Sha256,
  evidence: Type.Object({ siteId: Uuid, seq: Type.Integer({ minimum: 0 }), digest: Sha256 }, { description: 'the signed report bundle that logs both files' }),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual'), Type.Literal('cli')]),
  generatedAt: DateTime,
});

export const packetView = (p: CompliancePacketEntry) => ({
  id: p.id,
  clientId: p.client_id,
  month: p.period_month,
  packetId: p.packet_id,
  hipaaScore: p.hipaa_score === null ? null : Number(p.hipaa_score),
  pdfSha256: p.pdf_sha256,
  jsonSha256: p.json_sha256,
  evidence: { siteId: p.evidence_site_id, seq: Number(p.evidence_seq), digest: p.evidence_digest },
  trigger: p.trigger,
  generatedAt: p.generated_at.toISOString(),
});

/** A downloaded file, described for OpenAPI; the body is the file's bytes. */
export const FileBody = (contentType: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: `the file (${contentType}); x-content-sha256 carries its SHA-256` });
