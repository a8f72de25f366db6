import { sql, type Kysely } from 'kysely';

/**
 * Host and domain credentials, AES-256-GCM encrypted. key_id names the key that sealed the row so
 * a rotation can re-encrypt row by row while old and new keys are both loaded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table host_credentials (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null,
      client_id uuid not null,
      site_id uuid not null,
      host_id uuid,
      kind text not null check (kind in ('host', 'domain')),
      label text not null check (length(label) between 1 and 100),
      key_id text not null,
      nonce bytea not null check (length(nonce) = 12),
      ciphertext bytea not null,
      created_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      rotated_at timestamptz,
      foreign key (site_id, client_id, partner_id) references sites (id, client_id, partner_id),
      foreign key (host_id, site_id) references hosts (id, site_id),
      check ((kind = 'host') = (host_id is not null))
    );
    create index host_credentials_site_idx on host_credentials (site_id);
    create index host_credentials_key_idx on host_credentials (key_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table host_credentials;`.execute(db);
}
