import { sql, type Kysely } from 'kysely';

/**
 * Every scoped query filters on the tenant columns together (`partner_id = $1 and client_id = $2`),
 * and a client belongs to exactly one partner. Without being told, the planner multiplies the two
 * selectivities, expects ~20 of a client's 2,000 findings, and sorts a bitmap scan instead of
 * walking the (client_id, time) index: 11 ms instead of 0.1 ms per page, p99 over 50 ms for client
 * users at 200 requests/s. Dependency statistics tell it that client implies partner (and site implies both).
 */
const TABLES = ['findings', 'heals', 'approvals', 'hosts', 'incidents'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`create statistics ${sql.id(`${table}_tenant_deps`)} (dependencies) on partner_id, client_id, site_id from ${sql.table(table)}`.execute(db);
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  await sql`create statistics sites_tenant_deps (dependencies) on partner_id, client_id from sites`.execute(db);
  await sql`analyze sites`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...TABLES, 'sites']) await sql`drop statistics if exists ${sql.id(`${table}_tenant_deps`)}`.execute(db);
}
