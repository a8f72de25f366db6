import { sql, type Kysely } from 'kysely';

/**
 * Append-only audit log: who, what, when, from where, outcome. Triggers refuse UPDATE, DELETE and
 * TRUNCATE, so even code holding the table's privileges cannot rewrite history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_kind text not null check (actor_kind in ('user', 'api_token', 'appliance', 'anonymous', 'system')),
      actor_id text,
      partner_id uuid,
      client_id uuid,
      action text not null,
      target_kind text,
      target_id text,
      outcome text not null check (outcome in ('ok', 'refused', 'failed')),
      detail jsonb not null default '{}',
      ip text,
      request_id text
    );
    create index audit_log_partner_idx on audit_log (partner_id, id desc);
    create index audit_log_client_idx on audit_log (client_id, id desc);
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_refuse_change();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_refuse_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log; drop function audit_log_refuse_change();`.execute(db);
}
