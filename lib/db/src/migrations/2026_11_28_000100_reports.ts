import { sql, type Kysely } from 'kysely';

/**
 * The monthly compliance packet's own state (issue 10):
 * - report_branding: how a partner's packets look (colours, logo); the name is the partner's.
 * - attestations: a client user's statement that the manual part of a control is in place, with an
 *   optional document. The row is the request; the signed evidence bundle recorded from it (the
 *   evidence_* columns) is what the packet reads. The document stays here for download after it has
 *   been stored write-once as an evidence artefact.
 * - risk_acceptances: exceptions a client accepted (a runbook or control not to be fixed, why, until
 *   when); recorded as evidence the same way.
 * - compliance_packets: every generated packet: where its PDF and JSON are stored write-once, the
 *   evidence bundle that logs them, and a copy of both files for download (the API holds no bucket
 *   credentials; it serves a file only if its SHA-256 matches the logged digest).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_branding (
      partner_id uuid primary key references partners (id),
      primary_color text not null check (primary_color ~ '^#[0-9a-f]{6}$'),
      accent_color text not null check (accent_color ~ '^#[0-9a-f]{6}$'),
      logo_png bytea check (logo_png is null or length(logo_png) between 8 and 262144),
      updated_by uuid not null references users (id),
      updated_at timestamptz not null default now()
    );

    create table attestations (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      framework text not null check (framework in ('hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8')),
      control_id text not null check (control_id ~ '^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,63}$'),
      statement text not null check (length(statement) between 1 and 4000),
      attested_by uuid not null references users (id),
      attested_by_name text not null check (length(attested_by_name) between 1 and 200),
      attested_at timestamptz not null,
      valid_until timestamptz not null check (valid_until > attested_at),
      document_name text check (document_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
      document_type text check (document_type in ('application/pdf', 'image/png', 'image/jpeg', 'text/plain')),
      document_sha256 text check (document_sha256 ~ '^[0-9a-f]{64}$'),
      evidence_site_id uuid,
      evidence_seq bigint check (evidence_seq >= 0),
      evidence_digest text check (evidence_digest ~ '^[0-9a-f]{64}$'),
      evidence_recorded_at timestamptz,
      check ((document_name is null) = (document_sha256 is null) and (document_name is null) = (document_type is null)),
      check ((evidence_digest is null) = (evidence_seq is null) and (evidence_digest is null) = (evidence_site_id is null)),
      foreign key (client_id, partner_id) references clients (id, partner_id)
    );
    create index attestations_client_idx on attestations (client_id, attested_at desc, id desc);
    create index attestations_unrecorded_idx on attestations (client_id) where evidence_digest is null;

    create table attestation_documents (
      attestation_id uuid primary key references attestations (id),
      bytes bytea not null check (length(bytes) between 1 and 10485760)
    );

    create table risk_acceptances (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      subject text not null check (subject ~ '^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,99}$'),
      scope text not null check (length(scope) between 1 and 200),
      reason text not null check (length(reason) between 1 and 2000),
      accepted_by uuid not null references users (id),
      accepted_by_name text not null check (length(accepted_by_name) between 1 and 200),
      accepted_at timestamptz not null,
      expires_at timestamptz check (expires_at is null or expires_at > accepted_at),
      evidence_site_id uuid,
      evidence_seq bigint check (evidence_seq >= 0),
      evidence_digest text check (evidence_digest ~ '^[0-9a-f]{64}$'),
      evidence_recorded_at timestamptz,
      check ((evidence_digest is null) = (evidence_seq is null) and (evidence_digest is null) = (evidence_site_id is null)),
      foreign key (client_id, partner_id) references clients (id, partner_id)
    );
    create index risk_acceptances_client_idx on risk_acceptances (client_id, accepted_at desc, id desc);
    create index risk_acceptances_unrecorded_idx on risk_acceptances (client_id) where evidence_digest is null;

    create table compliance_packets (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      period_month text not null check (period_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      packet_id text not null,
      hipaa_score numeric(4, 1) check (hipaa_score between 0 and 100),
      json_sha256 text not null check (json_sha256 ~ '^[0-9a-f]{64}$'),
      pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
      json_object_key text not null,
      json_version_id text,
      pdf_object_key text not null,
      pdf_version_id text,
      evidence_site_id uuid not null,
      evidence_seq bigint not null check (evidence_seq >= 0),
      evidence_digest text not null check (evidence_digest ~ '^[0-9a-f]{64}$'),
      json bytea not null,
      pdf bytea not null,
      trigger text not null check (trigger in ('schedule', 'manual', 'cli')),
      workflow_id text,
      requested_by uuid references users (id),
      generated_at timestamptz not null default now(),
      unique (client_id, period_month, json_sha256, pdf_sha256),
      foreign key (client_id, partner_id) references clients (id, partner_id)
    );
    create index compliance_packets_client_idx on compliance_packets (client_id, period_month desc, generated_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table compliance_packets;
    drop table risk_acceptances;
    drop table attestation_documents;
    drop table attestations;
    drop table report_branding;
  `.execute(db);
}
