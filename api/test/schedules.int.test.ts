import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, ScheduleNotFoundError, WorkflowNotFoundError } from '@temporalio/client';
import { generateApplianceKeyPair, getSite } from '@custos/db';
import { loadCatalogue } from '@custos/runbooks';
import { packetScheduleId } from '@custos/activities/reports';
import { siteEntityWorkflowId, siteScheduleIds } from '@custos/activities/central';
import { runWorkers, stackEndpoints, uniqueName, type RunningWorkers } from '@custos/testkit';
import { buildApp } from '../src/app.js';
import { temporalGateway } from '../src/temporal/gateway.js';
import { removeTemporalTenants, startHarness, type Harness } from './support/harness.js';
import { buildWorld, type World } from './support/world.js';

/**
 * The API creates the Temporal side of what it writes, after the commit: a client's monthly packet
 * Schedule, a site's entity workflow, and the site's scan and discovery Schedules once its first
 * appliance enrols. Real Temporal (a central worker on the test's own queue runs the entities) and
 * real PostgreSQL.
 */
describe('schedules from the API: packet Schedule per client, entity per site, scan Schedules at first enrolment', () => {
  let h: Harness;
  let w: World;
  let workers: RunningWorkers;
  const centralQueue = uniqueName('api-central');

  beforeAll(async () => {
    // The entity's Update needs the worker to take it: allow it the time.
    h = await startHarness('api_schedules', { centralQueue, provisionTimeoutMs: 30_000 });
    w = await buildWorld(h.db);
    workers = await runWorkers({
      connection: h.temporal.workerConnection,
      namespace: h.temporal.namespace,
      centralTaskQueue: centralQueue,
      central: { centralVersion: 'test', scanHeal: { db: h.db, catalogue: loadCatalogue(), temporal: h.temporal.client, flywheelWorkflowId: uniqueName('flywheel') } },
      sites: [],
    });
  });
  afterAll(async () => {
    await workers?.stop();
    await h?.close();
  });

  const admin = () => ({ authorization: `Bearer ${w.actors.partner_admin.token}` });
  const exists = (id: string) => h.temporal.client.schedule.getHandle(id).describe().then(() => true, (err: unknown) => (err instanceof ScheduleNotFoundError ? false : Promise.reject(err)));

  it('a client created through the API gets its monthly compliance-packet Schedule', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/partners/${w.own.partnerId}/clients`, headers: admin(), payload: { name: 'Clinic scheduled' } });
    expect(res.statusCode, res.body).toBe(201);
    const described = await h.temporal.client.schedule.getHandle(packetScheduleId(res.json().id)).describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'compliancePacket', taskQueue: centralQueue, args: [{ clientId: res.json().id, trigger: 'schedule' }] });
    expect(described.spec.calendars).toHaveLength(1);
  });

  it('a site created through the API gets a running entity, and its first appliance turns its Schedules on', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/clients/${w.own.clientId}/sites`, headers: admin(), payload: { name: 'Branch office' } });
    expect(res.statusCode, res.body).toBe(201);
    const siteId: string = res.json().id;
    const entity = await h.temporal.client.workflow.getHandle(siteEntityWorkflowId(siteId)).describe();
    expect(entity.status.name).toBe('RUNNING');
    expect(entity.type).toBe('siteEntity');
    expect(entity.taskQueue).toBe(centralQueue);
    // No appliance yet: nothing to scan with, so no Schedules.
    for (const id of Object.values(siteScheduleIds(siteId))) expect(await exists(id)).toBe(false);

    const enrol = async () => {
      const code = await h.app.inject({ method: 'POST', url: `/sites/${siteId}/enrolment-codes`, headers: admin() });
      expect(code.statusCode, code.body).toBe(201);
      const payload = { code: code.json().code, name: 'branch box', publicKey: generateApplianceKeyPair().publicKey.toString('base64'), agentVersion: '0.1.0' };
      const enrolled = await h.app.inject({ method: 'POST', url: '/appliance/enrol', payload });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
    };
    await enrol();
    // The Update returns once the entity took the change; it creates the Schedules right after.
    const ids = siteScheduleIds(siteId);
    const created = async (id: string) => {
      for (let i = 0; i < 200 && !(await exists(id)); i++) await new Promise((r) => setTimeout(r, 100));
      return h.temporal.client.schedule.getHandle(id).describe();
    };
    const servers = await created(ids.servers);
    expect(servers.action).toMatchObject({ workflowType: 'scanSite', taskQueue: centralQueue, args: [{ siteId, trigger: 'schedule', hostKinds: 'servers' }] });
    expect(servers.spec.intervals?.[0]?.every).toBe(15 * 60_000);
    expect((await created(ids.workstations)).action).toMatchObject({ workflowType: 'scanSite', args: [{ hostKinds: 'workstations' }] });
    expect((await created(ids.discovery)).action).toMatchObject({ workflowType: 'discoverSite' });
    // One configuration change (the Schedules turned on); a second appliance changes nothing.
    const version = async () => (await h.temporal.client.workflow.getHandle(siteEntityWorkflowId(siteId)).query<{ configVersion: number }>('siteSnapshot')).configVersion;
    expect(await version()).toBe(1);
    await enrol();
    expect(await version()).toBe(1);
  });

  it('when Temporal is unreachable the site and client are still created (201), the miss is logged, and nothing is half-written', async () => {
    const logs: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    // A real client to an address where no Temporal listens: every call fails as in an outage.
    const down = Connection.lazy({ address: '127.0.0.1:1' });
    const app = await buildApp(
      {
        db: h.db,
        keyring: h.keyring,
        workflows: temporalGateway(down, stackEndpoints().temporal.namespace, h.temporal.dataConverter, { taskQueue: centralQueue, provisionTimeoutMs: 1500 }),
        publicUrl: new URL('http://127.0.0.1:3000'),
        allowInsecureOidcIssuer: true,
        authRateLimit: 10_000,
      },
      { logger: { level: 'warn', stream } },
    );
    try {
      const started = Date.now();
      const site = await app.inject({ method: 'POST', url: `/clients/${w.own.clientId}/sites`, headers: admin(), payload: { name: 'Offline office' } });
      expect(site.statusCode, site.body).toBe(201);
      expect(Date.now() - started).toBeLessThan(10_000);
      const siteId: string = site.json().id;
      expect(await getSite(h.db, { kind: 'platform' }, siteId)).toMatchObject({ id: siteId, name: 'Offline office' });
      const audited = await h.db.selectFrom('audit_log').select('target_id').where('action', '=', 'sites.create').where('target_id', '=', siteId).execute();
      expect(audited).toHaveLength(1);
      await expect(h.temporal.client.workflow.getHandle(siteEntityWorkflowId(siteId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

      const client = await app.inject({ method: 'POST', url: `/partners/${w.own.partnerId}/clients`, headers: admin(), payload: { name: 'Clinic offline' } });
      expect(client.statusCode, client.body).toBe(201);
      expect(await exists(packetScheduleId(client.json().id))).toBe(false);

      const warned = logs.map((l) => JSON.parse(l) as { level: number; msg: string; siteId?: string; clientId?: string; pending?: string });
      expect(warned).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 40, siteId, pending: 'site entity workflow', msg: expect.stringContaining('reconcile') }),
          expect.objectContaining({ level: 40, clientId: client.json().id, pending: 'monthly packet schedule' }),
        ]),
      );
    } finally {
      await app.close();
      await down.close().catch(() => undefined);
    }
  });

  it('the harness removes what the API created in the shared namespace', async () => {
    // Runs the clean-up early on a fresh site to show it works; close() runs it again for the rest.
    const res = await h.app.inject({ method: 'POST', url: `/clients/${w.own.clientId}/sites`, headers: admin(), payload: { name: 'Short-lived office' } });
    const siteId: string = res.json().id;
    await removeTemporalTenants(h.db, h.temporal.client);
    const entity = await h.temporal.client.workflow.getHandle(siteEntityWorkflowId(siteId)).describe();
    expect(entity.status.name).toBe('TERMINATED');
  });
});
