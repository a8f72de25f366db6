import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../src/index.js';

export interface SeededTenant {
  partnerId: string;
  clientId: string;
  siteId: string;
  hostIds: string[];
}

async function seedOne(db: Kysely<Database>, tag: string): Promise<SeededTenant> {
  const suffix = randomBytes(3).toString('hex');
  const p = await db.insertInto('partners').values({ name: `Partner ${tag}`, slug: `p-${tag}-${suffix}` }).returning('id').executeTakeFirstOrThrow();
  const c = await db.insertInto('clients').values({ partner_id: p.id, name: `Clinic ${tag}` }).returning('id').executeTakeFirstOrThrow();
  const s = await db.insertInto('sites').values({ partner_id: p.id, client_id: c.id, name: `Main ${tag}` }).returning('id').executeTakeFirstOrThrow();
  const hosts = await db
    .insertInto('hosts')
    .values(['dc01', 'ws01'].map((hostname) => ({ partner_id: p.id, client_id: c.id, site_id: s.id, hostname, os: 'Windows Server 2022', last_seen_at: null })))
    .returning('id')
    .execute();
  return { partnerId: p.id, clientId: c.id, siteId: s.id, hostIds: hosts.map((h) => h.id) };
}

/** Two partners, each with one client, one site and two hosts. */
export async function seedTenants(db: Kysely<Database>): Promise<{ a: SeededTenant; b: SeededTenant }> {
  return { a: await seedOne(db, 'a'), b: await seedOne(db, 'b') };
}
