import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestDatabase } from '@custos/testkit';
import { connectDatabase, migrateToLatest, postureRecords, type Database, type Scope } from '../src/index.js';
import { seedTenants, type SeededTenant } from './seed-tenants.js';

/**
 * postureRecords reads a whole scope without id lists (the scope condition selects the rows) and a
 * narrowed one with them. Both must give the same records for the same sites, and never another
 * tenant's.
 */
describe('posture records for a whole scope and for named sites (real PostgreSQL)', () => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  let a: SeededTenant;
  let b: SeededTenant;
  let secondSiteOfA: string;

  beforeAll(async () => {
    const scratch = await createTestDatabase('db_posture_records');
    drop = scratch.drop;
    db = connectDatabase(scratch.url, { max: 4 });
    await migrateToLatest(db);
    ({ a, b } = await seedTenants(db));
    secondSiteOfA = (await db.insertInto('sites').values({ partner_id: a.partnerId, client_id: a.clientId, name: 'Branch a' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('hosts').values({ partner_id: a.partnerId, client_id: a.clientId, site_id: secondSiteOfA, hostname: 'ws02', os: 'Windows 11', last_seen_at: new Date() }).execute();
    const finding = (t: SeededTenant, hostId: string, resolvedAt: Date | null) => ({
      partner_id: t.partnerId,
      client_id: t.clientId,
      site_id: t.siteId,
      host_id: hostId,
      check_id: 'RB-WIN-SEC-001',
      severity: 'high' as const,
      status: resolvedAt ? ('resolved' as const) : ('open' as const),
      summary: 'firewall off',
      observed_at: new Date(Date.now() - 5 * 86_400_000),
      resolved_at: resolvedAt,
    });
    await db
      .insertInto('findings')
      .values([finding(a, a.hostIds[0]!, null), finding(a, a.hostIds[1]!, new Date(Date.now() - 40 * 86_400_000)), finding(b, b.hostIds[0]!, null)])
      .execute();
    const tech = await db.insertInto('users').values({ email: 'tech@posture.test', display_name: 'Tech', password_hash: null, totp_secret_enc: null, totp_key_id: null, totp_last_step: null, locked_until: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
    const switchedOff = (t: SeededTenant) => ({ partner_id: t.partnerId, client_id: t.clientId, site_id: t.siteId, runbook_id: 'RB-WIN-SEC-002', enabled: false, updated_by: tech.id });
    await db.insertInto('runbook_settings').values([switchedOff(a), switchedOff(b)]).execute();
  });

  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('reads the same records for a partner scope as for its sites named one by one, and nothing of another partner', async () => {
    const scope: Scope = { kind: 'partner', partnerId: a.partnerId };
    const since = new Date(Date.now() - 30 * 86_400_000);
    const whole = await postureRecords(db, scope, { findingsSince: since });
    const named = await postureRecords(db, scope, { siteIds: [a.siteId, secondSiteOfA], findingsSince: since });
    expect(whole).toEqual(named);
    expect(whole.sites.map((s) => s.id).sort()).toEqual([a.siteId, secondSiteOfA].sort());
    expect(whole.hosts).toHaveLength(3);
    // The finding resolved before the window is left out; b's rows never appear.
    expect(whole.findings.map((f) => f.hostId)).toEqual([a.hostIds[0]]);
    expect(whole.disabled).toEqual([{ siteId: a.siteId, runbookId: 'RB-WIN-SEC-002' }]);
    const all = JSON.stringify(whole);
    for (const id of [b.partnerId, b.clientId, b.siteId, ...b.hostIds]) expect(all).not.toContain(id);
  });

  it('narrows to one site within the scope', async () => {
    const one = await postureRecords(db, { kind: 'partner', partnerId: a.partnerId }, { siteIds: [secondSiteOfA] });
    expect(one.sites.map((s) => s.id)).toEqual([secondSiteOfA]);
    expect(one.hosts.map((h) => h.siteId)).toEqual([secondSiteOfA]);
    expect(one.findings).toEqual([]);
  });
});
