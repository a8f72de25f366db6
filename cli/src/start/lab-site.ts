/**
 * The demo site `npm start` runs: a lab site (`custos lab serve`, its own process) recorded as a real
 * tenant — partner, client, site and one inventory host per lab host — in the platform's database,
 * and the site's entity workflow managing its scan Schedules, so the lab is scanned (and healed) on a
 * schedule for as long as the platform runs. Idempotent: a second start reuses everything.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CENTRAL_TASK_QUEUE } from '@custos/core';
import { defineConfig } from '@custos/core/config';
import { connectDatabase, migrateToLatest, upsertHost, type HostRole } from '@custos/db';
import { dataConverterFromConfig } from '@custos/runtime';
import { enableSiteSchedules } from '@custos/activities/central';
import { ensurePacketSchedule } from '@custos/activities/reports';
import { adminUrlFromStateDir } from '../lab/admin-client.js';
import { ensureDemoLogins, type DemoLogin } from './demo-logins.js';
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

export interface LabTenant {
  partnerId: string;
  clientId: string;
  logins: DemoLogin[];
}

/**
 * Migrates the database and records the lab tenant, its hosts and its demo sign-ins (once; later
 * starts change nothing). The sign-ins' passwords are kept in `loginsFile`.
 */
export async function recordLabTenant(endpoints: StackEndpoints, hosts: readonly LabHostLine[], loginsFile: string): Promise<LabTenant> {
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
    const tenant = { partnerId: site.partner_id, clientId: site.client_id };
    return { ...tenant, logins: await ensureDemoLogins(db, tenant, loginsFile) };
  } finally {
    await db.destroy();
  }
}

/**
 * Starts the lab site's entity with its Schedules (servers every 15 min, workstations hourly) unless it
 * runs already, then triggers the servers Schedule once so the first scan does not wait 15 minutes.
 * The lab clinic gets its monthly compliance-packet Schedule like any client.
 */
export async function scheduleLabScans(endpoints: StackEndpoints, clientId: string): Promise<void> {
  const connection = await Connection.connect({ address: endpoints.temporal.address });
  try {
    const dataConverter = dataConverterFromConfig(defineConfig(['payloadKeys'])(process.env));
    const client = new Client({ connection, namespace: endpoints.temporal.namespace, identity: 'custos-start', dataConverter });
    // The central worker may already have started the entity (its start-up reconcile) without
    // Schedules: the lab appliance is not enrolled, it polls the local Temporal directly. The
    // configureSite Update turns them on either way (and starts the entity if none runs).
    await enableSiteSchedules(client, LAB_SITE_UUID, { taskQueue: CENTRAL_TASK_QUEUE });
    await ensurePacketSchedule(client, clientId, CENTRAL_TASK_QUEUE);
    const servers = client.schedule.getHandle(`scan-servers:${LAB_SITE_UUID}`);
    for (let i = 0; i < 60; i++) {
      if (await servers.describe().then(() => true, () => false)) {
        await servers.trigger();
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await connection.close();
  }
}

export const labStateDir = (stackRoot: string): string => path.join(stackRoot, 'lab');

/** Where the demo sign-ins' passwords are kept (git-ignored, mode 0600). */
export const demoLoginsFile = (stackRoot: string): string => path.join(stackRoot, 'demo-logins.json');
