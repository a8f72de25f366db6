import { sql, type Kysely } from 'kysely';

/**
 * partner → client → site → host. Child rows carry their ancestors' ids (denormalised) so every
 * tenant filter is one indexed column; composite foreign keys keep those copies consistent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partners (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      created_at timestamptz not null default now()
    );
    create table clients (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners (id),
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      unique (id, partner_id)
    );
    create index clients_partner_idx on clients (partner_id, name);
    create table sites (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      name text not null check (length(name) between 1 and 200),
      healing_paused boolean not null default false,
      healing_paused_reason text,
      healing_paused_by uuid,
      healing_paused_at timestamptz,
      created_at timestamptz not null default now(),
      unique (id, client_id, partner_id),
      foreign key (client_id, partner_id) references clients (id, partner_id)
    );
    create index sites_partner_idx on sites (partner_id, name);
    create index sites_client_idx on sites (client_id, name);
    create index sites_created_idx on sites (created_at, id);
    create table hosts (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      hostname text not null check (length(hostname) between 1 and 255),
      os text,
      role text not null default 'workstation' check (role in ('domain_controller', 'server', 'workstation')),
      last_seen_at timestamptz,
      created_at timestamptz not null default now(),
      unique (site_id, hostname),
      unique (id, site_id),
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id)
    );
    create index hosts_partner_idx on hosts (partner_id, site_id);
    create index hosts_client_idx on hosts (client_id, site_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table hosts; drop table sites; drop table clients; drop table partners;`.execute(db);
}
