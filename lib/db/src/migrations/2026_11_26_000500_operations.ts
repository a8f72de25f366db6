import { sql, type Kysely } from 'kysely';

/**
 * Runbook settings, findings, incidents, heals, approvals, the evidence index and notification
 * channels. Heals and approvals mirror workflow state for listing; Temporal stays the source of truth.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table runbook_settings (
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      runbook_id text not null check (runbook_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
      enabled boolean not null,
      require_approval boolean not null default false,
      updated_by uuid not null references users (id),
      updated_at timestamptz not null default now(),
      primary key (site_id, runbook_id),
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create table findings (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      host_id uuid not null,
      check_id text not null,
      control_ids text[] not null default '{}',
      severity text not null check (severity in ('critical', 'high', 'medium', 'low')),
      status text not null check (status in ('open', 'resolved')),
      summary text not null,
      observed_at timestamptz not null,
      resolved_at timestamptz,
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id),
      foreign key (host_id, site_id) references hosts (id, site_id)
    );
    -- keyset pagination newest first, per tenant level
    create index findings_partner_idx on findings (partner_id, observed_at desc, id desc);
    create index findings_client_idx on findings (client_id, observed_at desc, id desc);
    create index findings_site_idx on findings (site_id, observed_at desc, id desc);
    create index findings_time_idx on findings (observed_at desc, id desc);
    create index findings_open_idx on findings (site_id) where status = 'open';
    create table incidents (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      finding_id uuid not null references findings (id),
      tier text not null check (tier in ('L1', 'L2', 'L3')),
      status text not null check (status in ('open', 'healed', 'escalated', 'closed')),
      opened_at timestamptz not null default now(),
      closed_at timestamptz,
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index incidents_site_idx on incidents (site_id, opened_at desc);
    create table heals (
      workflow_id text primary key,
      run_id text,
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      finding_id uuid references findings (id),
      tier text not null check (tier in ('L1', 'L2', 'L3')),
      status text not null check (status in ('running', 'awaiting_approval', 'healed', 'failed', 'escalated', 'rejected')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index heals_site_idx on heals (site_id, started_at desc);
    create table approvals (
      id uuid primary key default gen_random_uuid(),
      workflow_id text not null unique,
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      plan jsonb not null,
      plan_sha256 text not null check (plan_sha256 ~ '^[0-9a-f]{64}$'),
      priority text not null check (priority in ('critical', 'high', 'medium', 'low')),
      status text not null check (status in ('pending', 'approved', 'rejected', 'expired')),
      requested_at timestamptz not null,
      expires_at timestamptz not null,
      decided_by uuid references users (id),
      decided_at timestamptz,
      reason text,
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index approvals_partner_idx on approvals (partner_id, status, requested_at desc);
    create table evidence_index (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      kind text not null check (kind in ('scan', 'heal', 'history', 'checkpoint')),
      bundle_sha256 text not null check (bundle_sha256 ~ '^[0-9a-f]{64}$'),
      object_key text not null,
      log_index bigint,
      created_at timestamptz not null default now(),
      unique (site_id, bundle_sha256),
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index evidence_site_idx on evidence_index (site_id, created_at desc);
    create table notification_channels (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners (id),
      kind text not null check (kind in ('email', 'webhook', 'chat')),
      name text not null check (length(name) between 1 and 100),
      target text not null check (length(target) between 1 and 2000),
      min_priority text not null check (min_priority in ('critical', 'high', 'medium', 'low')),
      enabled boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index notification_channels_partner_idx on notification_channels (partner_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table notification_channels; drop table evidence_index; drop table approvals; drop table heals;
    drop table incidents; drop table findings; drop table runbook_settings;
  `.execute(db);
}
