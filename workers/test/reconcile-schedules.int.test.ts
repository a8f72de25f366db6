import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScheduleNotFoundError, WorkflowNotFoundError } from '@temporalio/client';
import { connectDatabase, createClient, createEnrolmentCode, createPartner, createSite, createUser, migrateToLatest, redeemEnrolmentCode, upsertHost, type Scope } from '@custos/db';
import { createLogger } from '@custos/runtime';
import { loadCatalogue } from '@custos/runbooks';
import { packetScheduleId } from '@custos/activities/reports';
import { ensureSiteEntity, siteEntityWorkflowId, siteScheduleIds } from '@custos/activities/central';
import { connectTemporal, createTestDatabase, runWorkers, uniqueName, type TemporalTestConnections, type TestDatabase } from '@custos/testkit';
import { enableMissingSiteSchedules, reconcileBeforePolling, type ReconcileDeps } from '../src/reconcile-schedules.js';

const PLATFORM: Scope = { kind: 'platform' };

/**
 * The central worker's start-up reconcile: rows written while Temporal (or the worker) was
 * unreachable get their Temporal side on the next start — the anchoring Schedule, a packet
 * Schedule per client, an entity per site, and the scan Schedules of live sites (an appliance has
 * enrolled, or hosts have been inventoried, as the lab records them).
 */
describe('central worker start: reconcile Schedules and site entities with the database', () => {
  let database: TestDatabase;
  let db: ReturnType<typeof connectDatabase>;
  let temporal: TemporalTestConnections;
  const taskQueue = uniqueName('central');
  const anchoringScheduleId = uniqueName('evidence-anchoring');
  let clientIds: string[] = [];
  let sites: { bare: string; enrolled: string; stale: string; inventoried: string };
  let deps: ReconcileDeps;

  const exists = (id: string) => temporal.client.schedule.getHandle(id).describe().then(() => true, (err: unknown) => (err instanceof ScheduleNotFoundError ? false : Promise.reject(err)));
  const status = (siteId: string) => temporal.client.workflow.getHandle(siteEntityWorkflowId(siteId)).describe().then((d) => d.status.name, (err: unknown) => (err instanceof WorkflowNotFoundError ? 'none' : Promise.reject(err)));

  beforeAll(async () => {
    database = await createTestDatabase('workers_reconcile');
    db = connectDatabase(database.url, { max: 5 });
    await migrateToLatest(db);
    temporal = await connectTemporal('reconcile-test');
    const partner = await createPartner(db, PLATFORM, { name: 'Partner', slug: `p-${randomBytes(3).toString('hex')}` });
    const one = (await createClient(db, PLATFORM, { partnerId: partner.id, name: 'Clinic one' }))!;
    const two = (await createClient(db, PLATFORM, { partnerId: partner.id, name: 'Clinic two' }))!;
    clientIds = [one.id, two.id];
    const admin = await createUser(db, PLATFORM, {
      email: `admin-${randomBytes(3).toString('hex')}@example.test`, displayName: 'Admin', passwordHash: null, role: 'partner_admin', partnerId: partner.id, clientId: null, expiresAt: null, grantClientIds: [],
    });
    const site = async (name: string, live: 'appliance' | 'hosts' | false) => {
      const s = (await createSite(db, PLATFORM, { clientId: one.id, name }))!;
      if (live === 'hosts') await upsertHost(db, PLATFORM, { siteId: s.id, hostname: 'dc01', os: null, role: 'domain_controller' });
      if (live === 'appliance') {
        const code = randomBytes(32);
        await createEnrolmentCode(db, PLATFORM, { siteId: s.id, codeSha256: code, createdBy: admin.id, expiresAt: new Date(Date.now() + 60_000) });
        await redeemEnrolmentCode(db, { codeSha256: code, name: 'box', publicKey: randomBytes(32), tokenSha256: randomBytes(32), agentVersion: '0.1.0' });
      }
      return s.id;
    };
    sites = {
      bare: await site('No appliance yet', false),
      enrolled: await site('Enrolled while Temporal was down', 'appliance'),
      stale: await site('Entity running, Schedules never turned on', 'appliance'),
      inventoried: await site('Hosts recorded without enrolment (the lab)', 'hosts'),
    };
    // The API started this one's entity, but turning its Schedules on failed (worker down).
    await ensureSiteEntity(temporal.client, sites.stale, { taskQueue, manageSchedules: false });
    deps = { db, temporal: temporal.client, taskQueue, logger: createLogger('reconcile-test', 'silent'), anchoringScheduleId };
  });

  afterAll(async () => {
    if (temporal) {
      const ignore = (err: unknown) => {
        if (!(err instanceof ScheduleNotFoundError) && !(err instanceof WorkflowNotFoundError)) throw err;
      };
      const schedules = [anchoringScheduleId, ...clientIds.map(packetScheduleId), ...Object.values(sites ?? {}).flatMap((s) => Object.values(siteScheduleIds(s)))];
      await Promise.all(schedules.map((id) => temporal.client.schedule.getHandle(id).delete().catch(ignore)));
      await Promise.all(Object.values(sites ?? {}).map((s) => temporal.client.workflow.getHandle(siteEntityWorkflowId(s)).terminate('test finished').catch(ignore)));
      await temporal.close();
    }
    await db?.destroy();
    await database?.drop();
  });

  it('before polling: creates the anchoring Schedule, the missing packet Schedules and site entities, and names the sites whose Schedules are missing', async () => {
    const report = await reconcileBeforePolling(deps);
    expect(report).toMatchObject({ anchoringSchedule: anchoringScheduleId, packetSchedules: { created: 2, updated: 0, failed: 0 }, siteEntities: { ensured: 4, failed: 0 } });
    expect([...report.sitesWithoutSchedules].sort()).toEqual([sites.enrolled, sites.stale, sites.inventoried].sort());

    const anchoring = await temporal.client.schedule.getHandle(anchoringScheduleId).describe();
    expect(anchoring.action).toMatchObject({ type: 'startWorkflow', workflowType: 'anchorEvidence', taskQueue });
    for (const id of clientIds) {
      expect((await temporal.client.schedule.getHandle(packetScheduleId(id)).describe()).action).toMatchObject({ workflowType: 'compliancePacket', taskQueue, args: [{ clientId: id }] });
    }
    for (const s of Object.values(sites)) expect(await status(s)).toBe('RUNNING');
    // No worker polls yet: no site has Schedules.
    for (const s of Object.values(sites)) expect(await exists(siteScheduleIds(s).servers)).toBe(false);
  });

  it('again: changes nothing that is right (idempotent)', async () => {
    const report = await reconcileBeforePolling(deps);
    expect(report).toMatchObject({ anchoringSchedule: anchoringScheduleId, packetSchedules: { created: 0, updated: 2, failed: 0 }, siteEntities: { ensured: 4, failed: 0 } });
    const runs = await temporal.client.workflow.count(`WorkflowId = '${siteEntityWorkflowId(sites.bare)}'`);
    expect(runs.count).toBe(1);
  });

  it('once the worker polls: the live sites get their scan and discovery Schedules, the bare site none', async () => {
    const report = await reconcileBeforePolling(deps);
    const workers = await runWorkers({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      centralTaskQueue: taskQueue,
      central: { centralVersion: 'test', scanHeal: { db, catalogue: loadCatalogue(), temporal: temporal.client, flywheelWorkflowId: uniqueName('flywheel') } },
      sites: [],
    });
    try {
      expect(await enableMissingSiteSchedules(deps, report.sitesWithoutSchedules, { timeoutMs: 30_000 })).toEqual({ enabled: 3, failed: 0 });
      for (const s of [sites.enrolled, sites.stale, sites.inventoried]) {
        for (const id of Object.values(siteScheduleIds(s))) {
          let found = false;
          for (let i = 0; i < 200 && !found; i++) {
            found = await exists(id);
            if (!found) await new Promise((r) => setTimeout(r, 100));
          }
          expect(found, id).toBe(true);
        }
      }
      for (const id of Object.values(siteScheduleIds(sites.bare))) expect(await exists(id)).toBe(false);
      // A later start finds nothing missing.
      expect((await reconcileBeforePolling(deps)).sitesWithoutSchedules).toEqual([]);
    } finally {
      await workers.stop();
    }
  });
});
