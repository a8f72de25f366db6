/**
 * A real world for scan and heal tests: a fresh PostgreSQL database (migrated) with one partner,
 * client and site whose hosts are a lab site's simulated Windows hosts, the stack's Temporal dev
 * server, a central worker with the scan/heal runtime on a queue of its own, and an appliance worker
 * for the site reaching the lab over WinRM with credentials fetched from the lab's admin API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { createCentralActivities, createSiteActivities, CredentialVault, LabSiteDirectory, RemediationJournal, type CentralRuntime } from '@custos/activities';
import { siteTaskQueue } from '@custos/core';
import { connectDatabase, migrateToLatest, type Database } from '@custos/db';
import type { HostKind } from '@custos/lab';
import type { Catalogue } from '@custos/runbooks';
import { connectTemporal, createTestDatabase, startLabSite, uniqueName, type LabSiteHandle, type TemporalTestConnections, type TestDatabase } from '@custos/testkit';
import { WinrmClient } from '@custos/winrm';
import { OpenAI } from 'openai';
import nodemailer from 'nodemailer';
import type { L2PlannerDeps } from '@custos/activities/central';
import { startSmtpSink, type SmtpSink } from '@custos/testkit/smtp';
import type { ScriptedLlm } from '@custos/testkit/openai';
import { smtpOptions } from '../../../activities/src/central/notify/notify-deps.js';
import type { NotifyDeps } from '../../../activities/src/central/notify/index.js';
import { fixtureCatalogue, FIXTURE_HANDLERS, fixtureScriptCatalogue } from '../../../activities/test/fixtures/lab-handlers.js';
import { AnchorService, EvidenceService, type EvidenceActivityDeps } from '@custos/activities/evidence';
import { s3Client } from '@custos/testkit';
import { ensureLockedBucket, EVIDENCE_TEST_BUCKET, randomKeys, stackStore, TEST_RETENTION } from '../../../activities/test/evidence/support.js';

const ROLE: Record<HostKind, 'domain_controller' | 'server' | 'workstation'> = { dc: 'domain_controller', server: 'server', workstation: 'workstation' };

export interface Tenant {
  partnerId: string;
  clientId: string;
  siteId: string;
  /** Inventory host id by lab host name. */
  hostIds: Record<string, string>;
}

export interface Appliance {
  worker: Worker;
  journalDir: string;
  stop(): Promise<void>;
}

export interface World {
  db: Kysely<Database>;
  lab: LabSiteHandle;
  tenant: Tenant;
  temporal: TemporalTestConnections;
  catalogue: Catalogue;
  centralTaskQueue: string;
  flywheelWorkflowId: string;
  /** The SMTP relay the partner's email channels deliver to; contact N is contactN@clinic.test. */
  smtp: SmtpSink;
  startAppliance(opts?: { journalDir?: string }): Promise<Appliance>;
  stop(): Promise<void>;
}

export async function seedTenant(db: Kysely<Database>, hosts: { name: string; kind: HostKind }[]): Promise<Tenant> {
  const tag = uniqueName('t');
  const p = await db.insertInto('partners').values({ name: `Partner ${tag}`, slug: tag }).returning('id').executeTakeFirstOrThrow();
  const c = await db.insertInto('clients').values({ partner_id: p.id, name: `Clinic ${tag}` }).returning('id').executeTakeFirstOrThrow();
  const s = await db.insertInto('sites').values({ partner_id: p.id, client_id: c.id, name: `Main ${tag}` }).returning('id').executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('hosts')
    .values(hosts.map((h) => ({ partner_id: p.id, client_id: c.id, site_id: s.id, hostname: h.name, os: null, role: ROLE[h.kind], last_seen_at: null })))
    .returning(['id', 'hostname'])
    .execute();
  return { partnerId: p.id, clientId: c.id, siteId: s.id, hostIds: Object.fromEntries(rows.map((r) => [r.hostname, r.id])) };
}

/** Three email contacts for the partner, in set-up order (contact0 is the first contact). */
export async function seedContacts(db: Kysely<Database>, partnerId: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await db
      .insertInto('notification_channels')
      .values({ partner_id: partnerId, kind: 'email', name: `contact ${i}`, target: `contact${i}@clinic.test`, min_priority: 'low', created_at: new Date(Date.UTC(2026, 0, 1, 0, i)) })
      .execute();
  }
}

export function plannerDeps(db: Kysely<Database>, catalogue: Catalogue, llm: ScriptedLlm | undefined): L2PlannerDeps {
  return {
    catalogue,
    db,
    ...(llm ? { llm: { client: new OpenAI({ apiKey: llm.apiKey, baseURL: llm.baseUrl, maxRetries: 0, timeout: 10_000 }), model: 'gpt-4o-mini' } } : {}),
    limits: { dailyTokens: 1_000_000, maxConcurrent: 3, minConfidence: 0.7, maxOutputTokens: 500, timeoutSeconds: 10 },
    scrub: { scrubIps: true },
  };
}

export function notifyDeps(smtp: SmtpSink): NotifyDeps {
  return {
    mail: { transport: nodemailer.createTransport(smtpOptions(new URL(smtp.url), 5000)), from: 'Custos <custos@msp.test>' },
    webhookSigningKey: new Uint8Array(32).fill(7),
    http: { timeoutMs: 3000, allowPrivateAddresses: true },
    scrub: { scrubIps: true },
  };
}

/** The real evidence service over the stack's SeaweedFS (a locked test bucket, a prefix of our own) and this world's database. */
export async function evidenceDeps(db: Kysely<Database>, temporal: TemporalTestConnections): Promise<EvidenceActivityDeps> {
  await ensureLockedBucket(s3Client(), EVIDENCE_TEST_BUCKET);
  const service = new EvidenceService({
    db,
    store: stackStore(EVIDENCE_TEST_BUCKET, `${uniqueName('scanheal')}/`),
    keys: randomKeys(),
    trust: { tsaRoots: [], bitcoinMaxTarget: '207fffff' },
    retention: TEST_RETENTION,
    agent: { name: 'custos-central', version: '0.1.0-test', buildDigest: `sha256:${'cd'.repeat(32)}` },
  });
  // Anchoring is the evidence component's own schedule; scans and heals never call it.
  return { service, anchoring: new AnchorService(service, { otsCalendars: [], otsMinAttestations: 1, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: temporal.client };
}

export function centralRuntime(db: Kysely<Database>, catalogue: Catalogue, temporal: TemporalTestConnections, flywheelWorkflowId: string): CentralRuntime {
  return { db, catalogue, temporal: temporal.client, flywheelWorkflowId, scanBatchSize: 5, scanParallelBatches: 2 };
}

export async function startCentralWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  runtime: CentralRuntime;
  dataConverter: DataConverter;
  planner: L2PlannerDeps;
  notify: NotifyDeps;
  evidence: EvidenceActivityDeps;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    dataConverter: opts.dataConverter,
    activities: createCentralActivities({ centralVersion: 'test-central', scanHeal: opts.runtime, planner: opts.planner, notify: opts.notify, evidence: opts.evidence }),
  });
}

export async function startApplianceWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  siteId: string;
  adminUrl: string;
  catalogue: Catalogue;
  dataConverter: DataConverter;
  journalDir: string;
}): Promise<Appliance> {
  const winrm = new WinrmClient({ globalConcurrency: 32, perHostConcurrency: 2 });
  const journal = RemediationJournal.open(opts.journalDir);
  const worker = await Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: siteTaskQueue(opts.siteId),
    dataConverter: opts.dataConverter,
    activities: createSiteActivities({
      siteId: opts.siteId,
      applianceVersion: 'test-appliance',
      runtime: { catalogue: opts.catalogue, vault: new CredentialVault(new LabSiteDirectory(opts.adminUrl)), winrm, journal },
    }),
  });
  const running = worker.run();
  return {
    worker,
    journalDir: opts.journalDir,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      winrm.close();
      journal.close();
    },
  };
}

export async function startWorld(opts: {
  hosts: number;
  kinds?: HostKind[];
  appliance?: boolean;
  /** Temporal connections to use instead of the stack's dev server (closed by stop()). */
  temporal?: TemporalTestConnections;
  scanBatchSize?: number;
  scanParallelBatches?: number;
  /** The scripted OpenAI-compatible endpoint L2 asks; without it L2 is skipped (not configured). */
  llm?: ScriptedLlm;
}): Promise<World> {
  const testDb: TestDatabase = await createTestDatabase('scanheal');
  const db = connectDatabase(testDb.url, { max: 5 });
  await migrateToLatest(db);
  const lab = await startLabSite({ hosts: opts.hosts, kinds: opts.kinds, catalogue: await fixtureScriptCatalogue(), handlers: FIXTURE_HANDLERS });
  const tenant = await seedTenant(db, lab.hosts);
  await seedContacts(db, tenant.partnerId);
  const smtp = await startSmtpSink();
  const temporal = opts.temporal ?? (await connectTemporal());
  const catalogue = fixtureCatalogue();
  const centralTaskQueue = uniqueName('central');
  const flywheelWorkflowId = uniqueName('flywheel');
  const central = await startCentralWorker({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    taskQueue: centralTaskQueue,
    runtime: { ...centralRuntime(db, catalogue, temporal, flywheelWorkflowId), ...(opts.scanBatchSize ? { scanBatchSize: opts.scanBatchSize } : {}), ...(opts.scanParallelBatches ? { scanParallelBatches: opts.scanParallelBatches } : {}) },
    dataConverter: temporal.dataConverter,
    planner: plannerDeps(db, catalogue, opts.llm),
    notify: notifyDeps(smtp),
    evidence: await evidenceDeps(db, temporal),
  });
  const centralRun = central.run();
  const appliances: Appliance[] = [];
  const tempDirs: string[] = [];
  const world: World = {
    db,
    lab,
    tenant,
    temporal,
    catalogue,
    centralTaskQueue,
    flywheelWorkflowId,
    smtp,
    async startAppliance(o = {}) {
      const journalDir = o.journalDir ?? mkdtempSync(path.join(tmpdir(), 'custos-appliance-'));
      if (!o.journalDir) tempDirs.push(journalDir);
      const a = await startApplianceWorker({ connection: temporal.workerConnection, namespace: temporal.namespace, siteId: tenant.siteId, adminUrl: lab.adminUrl, catalogue, dataConverter: temporal.dataConverter, journalDir });
      appliances.push(a);
      return a;
    },
    async stop() {
      // Everything still open on this world's queue (site entity, flywheel, history exporters,
      // heals waiting for a person) ends with it, so the shared dev server keeps no leftovers.
      for (const id of [`site:${tenant.siteId}`, flywheelWorkflowId]) {
        await temporal.client.workflow.getHandle(id).terminate('test world stopped').catch(() => undefined);
      }
      // A test that failed half-way may have left its site's Schedules behind: they would fire forever.
      for (const prefix of ['scan-servers', 'scan-workstations', 'discover']) {
        await temporal.client.schedule.getHandle(`${prefix}:${tenant.siteId}`).delete().catch(() => undefined);
      }
      for await (const wf of temporal.client.workflow.list({ query: `TaskQueue = '${centralTaskQueue}' AND ExecutionStatus = 'Running'` })) {
        await temporal.client.workflow.getHandle(wf.workflowId, wf.runId).terminate('test world stopped').catch(() => undefined);
      }
      await Promise.all(appliances.map((a) => a.stop()));
      if (central.getState() === 'RUNNING') central.shutdown();
      await centralRun;
      await temporal.close();
      await lab.stop();
      await smtp.close();
      await db.destroy();
      await testDb.drop();
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    },
  };
  if (opts.appliance !== false) await world.startAppliance();
  return world;
}
