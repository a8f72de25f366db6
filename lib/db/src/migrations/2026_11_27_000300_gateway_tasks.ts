import { sql, type Kysely } from 'kysely';

/**
 * Activity tasks the appliance gateway handed to an appliance, by SHA-256 of the task token. The
 * gateway accepts a completion, failure, cancellation or heartbeat only for a token it delivered to
 * that same appliance, so a compromised appliance cannot answer another site's tasks. Rows expire
 * with the task's start-to-close timeout; a revoked or deleted appliance's rows go with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table gateway_task_tokens (
      token_sha256 bytea primary key check (length(token_sha256) = 32),
      appliance_id uuid not null references appliances (id) on delete cascade,
      site_id uuid not null,
      workflow_id text not null,
      activity_id text not null,
      delivered_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index gateway_task_tokens_expires_idx on gateway_task_tokens (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table gateway_task_tokens;`.execute(db);
}
