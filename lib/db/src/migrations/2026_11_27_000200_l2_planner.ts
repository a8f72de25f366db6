import { sql, type Kysely } from 'kysely';

/**
 * The L2 planner's spending: tokens per UTC day, and leases for calls in flight. Platform-wide, not
 * tenant data (one LLM account pays for every site). Leases expire, so a worker that died mid-call
 * cannot hold a slot for ever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table l2_budget_days (
      -- UTC day as YYYY-MM-DD text: pg would turn a date column into a local-midnight Date
      day text primary key check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      tokens_used bigint not null default 0 check (tokens_used >= 0),
      tokens_reserved bigint not null default 0 check (tokens_reserved >= 0),
      calls integer not null default 0 check (calls >= 0),
      refused integer not null default 0 check (refused >= 0)
    );
    create table l2_leases (
      id uuid primary key default gen_random_uuid(),
      holder text not null check (length(holder) between 1 and 300),
      day text not null references l2_budget_days (day),
      reserved_tokens integer not null check (reserved_tokens > 0),
      acquired_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index l2_leases_expires_idx on l2_leases (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table l2_leases; drop table l2_budget_days;`.execute(db);
}
