import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { connectDatabase, listMigrations, migrateAllDown, migrateDown, migrateToLatest, migrations, type Database } from '../src/index.js';
import { createTestDatabase } from '@custos/testkit';
import { seedTenants } from './seed-tenants.js';

const OUR_TABLES = [
  'partners', 'clients', 'sites', 'hosts', 'users', 'memberships', 'auditor_grants', 'sessions', 'api_tokens', 'oidc_providers',
  'oidc_identities', 'appliances', 'enrolment_codes', 'host_credentials', 'runbook_settings', 'findings', 'incidents', 'heals',
  'approvals', 'evidence_index', 'notification_channels', 'audit_log',
];

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(db);
  return r.rows.map((x) => x.table_name);
}

describe('migrations against real PostgreSQL', () => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createTestDatabase('db_migrations');
    drop = scratch.drop;
    db = connectDatabase(scratch.url, { max: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('apply up on an empty database, down to nothing, and up again', async () => {
    const up = await migrateToLatest(db);
    expect(up.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map((n) => [n, 'Success']));
    expect(await tableNames(db)).toEqual(expect.arrayContaining(OUR_TABLES));

    const down = await migrateAllDown(db);
    expect(down.every((r) => r.status === 'Success' && r.direction === 'Down')).toBe(true);
    expect(await tableNames(db)).toEqual([]);

    await migrateToLatest(db);
    expect((await listMigrations(db)).every((m) => m.executedAt instanceof Date)).toBe(true);
  });

  it('step down and up again on a populated database without losing the rows that remain', async () => {
    const seeded = await seedTenants(db);
    // step down one migration at a time until the operations tables are gone
    const reverted: string[] = [];
    while (!reverted.includes('2026_11_26_000500_operations')) {
      const down = await migrateDown(db);
      expect(down).toEqual([expect.objectContaining({ direction: 'Down', status: 'Success' })]);
      reverted.push(down[0]!.migrationName);
    }
    expect(reverted).toEqual(Object.keys(migrations).filter((n) => n >= '2026_11_26_000500_operations').reverse());
    expect(await tableNames(db)).not.toContain('findings');
    await migrateToLatest(db);
    const hosts = await db.selectFrom('hosts').select('id').where('site_id', '=', seeded.a.siteId).execute();
    expect(hosts.length).toBe(2);
    // every migration down on populated tables succeeds too (drops in dependency order)
    await migrateAllDown(db);
    expect(await tableNames(db)).toEqual([]);
  });

  it('the audit log refuses updates, deletes and truncation', async () => {
    await migrateToLatest(db);
    await db.insertInto('audit_log').values({ actor_kind: 'system', actor_id: null, partner_id: null, client_id: null, action: 'test.append', target_kind: null, target_id: null, outcome: 'ok', ip: null, request_id: null }).execute();
    await expect(db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const rows = await db.selectFrom('audit_log').select('action').execute();
    expect(rows).toEqual([{ action: 'test.append' }]);
  });

  it('composite keys refuse a host whose tenant ids disagree with its site', async () => {
    const seeded = await seedTenants(db);
    await expect(
      db.insertInto('hosts').values({ partner_id: seeded.b.partnerId, client_id: seeded.a.clientId, site_id: seeded.a.siteId, hostname: 'mixed', os: null, last_seen_at: null }).execute(),
    ).rejects.toThrow(/foreign key/);
  });
});
