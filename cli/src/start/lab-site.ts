/**
 * The demo site `npm start` runs: a lab site (`custos lab serve`, its own process) recorded as a real
 * tenant — partner, client, site and one inventory host per lab host — in the platform's database,
 * and the site's entity workflow managing its scan Schedules, so the lab is scanned (and healed) on a
 * schedule for as long as the platform runs. Idempotent: a second start reuses everything.
 */
import path from 'node:path';
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CENTRAL_TASK_QUEUE } from '@custos/core';
import { defineConfig } from '@custos/core/config';
import { connectDatabase, migrateToLatest, upsertHost, type HostRole } from '@custos/db';
import { dataConverterFromConfig } from '@custos/runtime';
import { DEFAULT_SITE_CONFIG, siteEntityWorkflowId, type SiteEntityInput } from '@custos/activities/central';
import { adminUrlFromStateDir } from '../lab/admin-client.js';
import type { StackEndpoints } from '../stack/index.js';

/** The lab site's id: fixed, so restarts find its history, findings and evidence. */
export const LAB_SITE_UUID = 'c0570500-1ab0-4000-8000-000000000001';
export const LAB_HOSTS = 6;

interface LabHostLine {
  name: string;
  kind: 'dc' | 'server' | 'workstation';
}

const ROLE: Record<LabHostLine['kind'], HostRole> = { dc: 'domain_controller', server: 'server', workstation: 'workstation' };

/** Waits for the lab process to answer on the admin URL its state dir names; returns it and the hosts. */
export async function waitForLab(stateDir: string, timeoutMs = 120_000): Promise<{ adminUrl: string; hosts: LabHostLine[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const adminUrl = adminUrlFromStateDir(stateDir);
      const res = await fetch(`${adminUrl}/hosts`, { signal: AbortSignal.timeout(2000) });
      const hosts = (await res.json()) as LabHostLine[];
      if (res.ok && hosts.length === LAB_HOSTS) return { adminUrl, hosts };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the lab site did not come up within ${timeoutMs / 1000}s (state dir ${stateDir})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Migrates the database and records the lab tenant and its hosts (once; later starts change nothing). */
export async function recordLabTenant(endpoints: StackEndpoints, hosts: readonly LabHostLine[]): Promise<void> {
  const db = connectDatabase(endpoints.postgres.databaseUrl, { max: 2 });
  try {
    await migrateToLatest(db);
    await db.transaction().execute(async (trx) => {
      const partner =
        (await trx.selectFrom('partners').select('id').where('slug', '=', 'custos-lab').executeTakeFirst()) ??
        (await trx.insertInto('partners').values({ name: 'Custos Lab MSP', slug: 'custos-lab' }).returning('id').executeTakeFirstOrThrow());
      const client =
        (await trx.selectFrom('clients').select('id').where('partner_id', '=', partner.id).where('name', '=', 'Lab Clinic').executeTakeFirst()) ??
        (await trx.insertInto('clients').values({ partner_id: partner.id, name: 'Lab Clinic' }).returning('id').executeTakeFirstOrThrow());
      await trx.insertInto('sites').values({ id: LAB_SITE_UUID, partner_id: partner.id, client_id: client.id, name: 'Lab clinic (simulated)' }).onConflict((oc) => oc.column('id').doNothing()).execute();
    });
    const site = await db.selectFrom('sites').select(['partner_id', 'client_id']).where('id', '=', LAB_SITE_UUID).executeTakeFirstOrThrow();
    const scope = { kind: 'site', partnerId: site.partner_id, clientId: site.client_id, siteId: LAB_SITE_UUID } as const;
    for (const h of hosts) await upsertHost(db, scope, { siteId: LAB_SITE_UUID, hostname: h.name, os: null, role: ROLE[h.kind] });
  } finally {
    await db.destroy();
  }
}

/**
 * Starts the lab site's entity with its Schedules (servers every 15 min, workstations hourly) unless it
 * runs already, then triggers the servers Schedule once so the first scan does not wait 15 minutes.
 */
export async function scheduleLabScans(endpoints: StackEndpoints): Promise<'started' | 'already running'> {
  const connection = await Connection.connect({ address: endpoints.temporal.address });
  try {
    const dataConverter = dataConverterFromConfig(defineConfig(['payloadKeys'])(process.env));
    const client = new Client({ connection, namespace: endpoints.temporal.namespace, identity: 'custos-start', dataConverter });
    const input: SiteEntityInput = { snapshot: { siteId: LAB_SITE_UUID, config: DEFAULT_SITE_CONFIG, configVersion: 1, cooldowns: [] }, manageSchedules: true };
    let state: 'started' | 'already running' = 'started';
    try {
      await client.workflow.start('siteEntity', { workflowId: siteEntityWorkflowId(LAB_SITE_UUID), taskQueue: CENTRAL_TASK_QUEUE, args: [input] });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      state = 'already running';
    }
    const servers = client.schedule.getHandle(`scan-servers:${LAB_SITE_UUID}`);
    for (let i = 0; i < 60; i++) {
      if (await servers.describe().then(() => true, () => false)) {
        await servers.trigger();
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return state;
  } finally {
    await connection.close();
  }
}

export const labStateDir = (stackRoot: string): string => path.join(stackRoot, 'lab');
