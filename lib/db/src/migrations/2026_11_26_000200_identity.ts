import { sql, type Kysely } from 'kysely';

/**
 * Users, their one role and tenant (membership), auditor grants, sessions, API tokens and the
 * partners' OIDC identity providers. Secrets are stored only as hashes (sessions, tokens) or
 * encrypted with the credential key (TOTP seeds, OIDC client secrets).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      display_name text not null check (length(display_name) between 1 and 200),
      password_hash text,
      totp_secret_enc bytea,
      totp_key_id text,
      totp_last_step bigint,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      unique (email)
    );
    create table memberships (
      user_id uuid primary key references users (id),
      role text not null check (role in ('platform_admin', 'partner_admin', 'partner_tech', 'client_owner', 'client_viewer', 'auditor')),
      partner_id uuid references partners (id),
      client_id uuid,
      expires_at timestamptz,
      created_at timestamptz not null default now(),
      foreign key (client_id, partner_id) references clients (id, partner_id),
      check (case role
        when 'platform_admin' then partner_id is null and client_id is null
        when 'partner_admin' then partner_id is not null and client_id is null
        when 'partner_tech' then partner_id is not null and client_id is null
        when 'client_owner' then partner_id is not null and client_id is not null
        when 'client_viewer' then partner_id is not null and client_id is not null
        when 'auditor' then partner_id is not null and client_id is null and expires_at is not null
      end)
    );
    create index memberships_partner_idx on memberships (partner_id);
    create table auditor_grants (
      user_id uuid not null references memberships (user_id) on delete cascade,
      partner_id uuid not null,
      client_id uuid not null,
      primary key (user_id, client_id),
      foreign key (client_id, partner_id) references clients (id, partner_id)
    );
    create table sessions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      token_sha256 bytea not null unique,
      -- a password-verified session waits here for its TOTP code before it grants anything
      stage text not null check (stage in ('awaiting_totp', 'active')),
      csrf_secret text not null,
      ip text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index sessions_user_idx on sessions (user_id);
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      name text not null check (length(name) between 1 and 100),
      token_sha256 bytea not null unique,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens (user_id);
    create table oidc_providers (
      partner_id uuid primary key references partners (id),
      issuer text not null,
      client_id text not null,
      client_secret_enc bytea,
      client_secret_key_id text,
      created_at timestamptz not null default now()
    );
    create table oidc_identities (
      issuer text not null,
      subject text not null,
      user_id uuid not null references users (id),
      primary key (issuer, subject)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table oidc_identities; drop table oidc_providers; drop table api_tokens; drop table sessions;
    drop table auditor_grants; drop table memberships; drop table users;
  `.execute(db);
}
