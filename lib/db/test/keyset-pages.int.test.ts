import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestDatabase } from '@custos/testkit';
import { connectDatabase, listFindings, listFleet, listHeals, migrateToLatest, type Database, type Page } from '../src/index.js';

/**
 * Rows written by one statement share one `now()` to the microsecond. Paging through them a few at
 * a time must serve each exactly once (a cursor that dropped the microseconds served whole pages
 * again: the 1,000-site fleet came back with duplicates).
 */
async function all<T>(pageOf: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await pageOf(cursor);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('more than 100 pages: the cursor does not advance');
}

describe('keyset pages over rows that share a timestamp (real PostgreSQL)', () => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  let partnerId: string;
  let siteIds: string[];

  beforeAll(async () => {
    const scratch = await createTestDatabase('db_keyset');
    drop = scratch.drop;
    db = connectDatabase(scratch.url, { max: 2 });
    await migrateToLatest(db);
    partnerId = (await db.insertInto('partners').values({ name: 'P', slug: 'p-keyset' }).returning('id').executeTakeFirstOrThrow()).id;
    const client = await db.insertInto('clients').values({ partner_id: partnerId, name: 'C' }).returning('id').executeTakeFirstOrThrow();
    // One statement: every site gets the same default created_at.
    const sites = await db
      .insertInto('sites')
      .values(Array.from({ length: 23 }, (_, i) => ({ partner_id: partnerId, client_id: client.id, name: `Site ${i}` })))
      .returning(['id', 'created_at'])
      .execute();
    expect(new Set(sites.map((s) => s.created_at.getTime())).size).toBe(1);
    siteIds = sites.map((s) => s.id);
    const host = await db.insertInto('hosts').values({ partner_id: partnerId, client_id: client.id, site_id: siteIds[0]!, hostname: 'h', os: null, last_seen_at: null }).returning('id').executeTakeFirstOrThrow();
    const at = new Date();
    await db
      .insertInto('findings')
      .values(Array.from({ length: 17 }, (_, i) => ({ partner_id: partnerId, client_id: client.id, site_id: siteIds[0]!, host_id: host.id, check_id: `RB-${i}`, severity: 'low' as const, status: 'open' as const, summary: 's', observed_at: at, resolved_at: null })))
      .execute();
    await db
      .insertInto('heals')
      .values(Array.from({ length: 11 }, (_, i) => ({ workflow_id: `heal:${i}`, run_id: null, partner_id: partnerId, client_id: client.id, site_id: siteIds[0]!, finding_id: null, tier: 'L1' as const, status: 'healed' as const })))
      .execute();
  });

  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('lists every site of the fleet once, 5 at a time', async () => {
    const sites = await all((cursor) => listFleet(db, { kind: 'partner', partnerId }, { limit: 5, ...(cursor && { cursor }) }));
    expect(sites.map((s) => s.id).sort()).toEqual([...siteIds].sort());
  });

  it('lists every finding and every heal once, 4 at a time', async () => {
    const findings = await all((cursor) => listFindings(db, { kind: 'partner', partnerId }, { limit: 4, ...(cursor && { cursor }) }));
    expect(new Set(findings.map((f) => f.id)).size).toBe(17);
    expect(findings).toHaveLength(17);
    const heals = await all((cursor) => listHeals(db, { kind: 'partner', partnerId }, { limit: 4, ...(cursor && { cursor }) }));
    expect(heals.map((h) => h.workflow_id).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `heal:${i}`).sort());
  });
});
