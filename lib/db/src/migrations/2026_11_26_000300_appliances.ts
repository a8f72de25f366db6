import { sql, type Kysely } from 'kysely';

/** One-time enrolment codes and the appliances they enrolled, each bound to exactly one site. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table appliances (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      name text not null check (length(name) between 1 and 100),
      -- X25519 public key (32 raw bytes) the appliance generated; credentials are sealed to it
      public_key bytea not null check (length(public_key) = 32),
      token_sha256 bytea not null unique,
      agent_version text,
      health jsonb,
      last_heartbeat_at timestamptz,
      enrolled_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid,
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index appliances_site_idx on appliances (site_id);
    create index appliances_partner_idx on appliances (partner_id);
    create table enrolment_codes (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      code_sha256 bytea not null unique,
      created_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      appliance_id uuid references appliances (id),
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index enrolment_codes_site_idx on enrolment_codes (site_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table enrolment_codes; drop table appliances;`.execute(db);
}
