import type { ColumnType, Generated, Selectable } from 'kysely';

/** Frameworks a control catalogue exists for (runbooks/controls/<framework>.yaml). */
export type ReportFramework = 'hipaa' | 'soc2' | 'nistCsf' | 'nist80053' | 'cisV8';

/** A bigint read back as a decimal string (pg's default for int8). */
type Bigint = ColumnType<string, number | string, number | string>;
type NullableBigint = ColumnType<string | null, number | string | null | undefined, number | string | null>;
/** numeric(4,1) comes back as a string from pg. */
type Score = ColumnType<string | null, number | null | undefined, number | null>;

export interface ReportBrandingTable {
  partner_id: string;
  primary_color: string;
  accent_color: string;
  logo_png: Buffer | null;
  updated_by: string;
  updated_at: Generated<Date>;
}

/** Where a row's signed evidence bundle sits in its site log, once recorded. */
export interface EvidenceColumns {
  evidence_site_id: string | null;
  evidence_seq: NullableBigint;
  evidence_digest: string | null;
  evidence_recorded_at: Date | null;
}

export interface AttestationsTable extends EvidenceColumns {
  id: Generated<string>;
  partner_id: string;
  client_id: string;
  framework: ReportFramework;
  control_id: string;
  statement: string;
  attested_by: string;
  attested_by_name: string;
  attested_at: Date;
  valid_until: Date;
  document_name: string | null;
  document_type: string | null;
  document_sha256: string | null;
}

export interface AttestationDocumentsTable {
  attestation_id: string;
  bytes: Buffer;
}

export interface RiskAcceptancesTable extends EvidenceColumns {
  id: Generated<string>;
  partner_id: string;
  client_id: string;
  subject: string;
  scope: string;
  reason: string;
  accepted_by: string;
  accepted_by_name: string;
  accepted_at: Date;
  expires_at: Date | null;
}

export type PacketTrigger = 'schedule' | 'manual' | 'cli';

export interface CompliancePacketsTable {
  id: Generated<string>;
  partner_id: string;
  client_id: string;
  period_month: string;
  packet_id: string;
  hipaa_score: Score;
  json_sha256: string;
  pdf_sha256: string;
  json_object_key: string;
  json_version_id: string | null;
  pdf_object_key: string;
  pdf_version_id: string | null;
  evidence_site_id: string;
  evidence_seq: Bigint;
  evidence_digest: string;
  json: Buffer;
  pdf: Buffer;
  trigger: PacketTrigger;
  workflow_id: string | null;
  requested_by: string | null;
  generated_at: Generated<Date>;
}

export type ReportBranding = Selectable<ReportBrandingTable>;
export type AttestationRow = Selectable<AttestationsTable>;
export type RiskAcceptanceRow = Selectable<RiskAcceptancesTable>;
export type CompliancePacketRow = Selectable<CompliancePacketsTable>;
/** A packet's index row without the file copies (for listings). */
export type CompliancePacketEntry = Omit<CompliancePacketRow, 'json' | 'pdf'>;
