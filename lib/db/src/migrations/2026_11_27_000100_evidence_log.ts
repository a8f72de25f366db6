import { sql, type Kysely } from 'kysely';

/**
 * The evidence service's own state (activities/src/central/evidence): the append state of every
 * site log, their signed checkpoints, the global anchor log and its anchors, published trust
 * documents and evidence alerts. The objects themselves live in the Object Lock bucket; these rows
 * say where, and serialise writers.
 *
 * evidence_index gains what the single writer needs: an idempotency key (a retried activity must
 * not log the same evidence twice), the object version, the artefacts and the finish time (export
 * and posture select by it). The unique (site_id, log_index) makes a forked log impossible at the
 * database level too, whatever the application does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table evidence_index drop constraint evidence_index_kind_check;
    alter table evidence_index add constraint evidence_index_kind_check
      check (kind in ('scan', 'heal', 'approval', 'history', 'report', 'checkpoint'));
    alter table evidence_index add column request_key text check (length(request_key) between 1 and 300);
    alter table evidence_index add column version_id text;
    alter table evidence_index add column finished_at timestamptz;
    alter table evidence_index add column artefacts jsonb not null default '[]';
    create unique index evidence_index_request_key on evidence_index (site_id, request_key) where request_key is not null;
    create unique index evidence_index_log_index on evidence_index (site_id, log_index) where log_index is not null;
    create index evidence_index_client_finished on evidence_index (client_id, finished_at);

    create table evidence_site_logs (
      site_id uuid primary key,
      partner_id uuid not null,
      client_id uuid not null,
      origin text not null,
      size bigint not null default 0 check (size >= 0),
      peaks jsonb not null default '[]',
      last_digest text not null check (last_digest ~ '^[0-9a-f]{64}$'),
      checkpointed_size bigint not null default 0 check (checkpointed_size between 0 and size),
      updated_at timestamptz not null default now(),
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create table evidence_checkpoints (
      site_id uuid not null references evidence_site_logs (site_id),
      size bigint not null check (size > 0),
      note text not null,
      body_sha256 text not null check (body_sha256 ~ '^[0-9a-f]{64}$'),
      object_key text not null,
      version_id text,
      signed_at timestamptz not null default now(),
      primary key (site_id, size)
    );

    create table evidence_anchor_log (
      id smallint primary key check (id = 1),
      origin text not null,
      size bigint not null default 0 check (size >= 0),
      peaks jsonb not null default '[]',
      updated_at timestamptz not null default now()
    );
    create table evidence_anchor_entries (
      log_index bigint primary key check (log_index >= 0),
      body_sha256 text not null unique check (body_sha256 ~ '^[0-9a-f]{64}$'),
      site_id uuid not null,
      checkpoint_size bigint not null,
      foreign key (site_id, checkpoint_size) references evidence_checkpoints (site_id, size)
    );
    create table evidence_anchor_checkpoints (
      size bigint primary key check (size > 0),
      note text not null,
      body_sha256 text not null check (body_sha256 ~ '^[0-9a-f]{64}$'),
      object_key text not null,
      signed_at timestamptz not null default now(),
      tsr_object_key text,
      tsr_version_id text,
      tsa_time timestamptz,
      ots_object_key text,
      ots_version_id text,
      ots_state text check (ots_state in ('pending', 'confirmed')),
      ots_submitted_at timestamptz,
      ots_confirmed_at timestamptz,
      btc_height bigint,
      btc_block_hash text,
      btc_block_time timestamptz,
      ots_alerted_at timestamptz
    );

    create table evidence_trust (
      version integer primary key check (version >= 1),
      envelope jsonb not null,
      object_key text not null,
      published_at timestamptz not null default now()
    );
    create table evidence_alerts (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('anchor-upgrade-overdue')),
      subject text not null,
      message text not null,
      raised_at timestamptz not null default now(),
      unique (kind, subject)
    );
  `.execute(db);
}

// Refuses (the kind check fails) while approval or report evidence is indexed: nothing is dropped silently.
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table evidence_alerts; drop table evidence_trust; drop table evidence_anchor_checkpoints;
    drop table evidence_anchor_entries; drop table evidence_anchor_log; drop table evidence_checkpoints;
    drop table evidence_site_logs;
    drop index evidence_index_client_finished; drop index evidence_index_log_index; drop index evidence_index_request_key;
    alter table evidence_index drop column artefacts, drop column finished_at, drop column version_id, drop column request_key;
    alter table evidence_index drop constraint evidence_index_kind_check;
    alter table evidence_index add constraint evidence_index_kind_check check (kind in ('scan', 'heal', 'history', 'checkpoint'));
  `.execute(db);
}
