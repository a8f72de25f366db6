/**
 * One benchmark world on the local stack: a fresh database with the lab site as a tenant, the real
 * runbook catalogue, the real evidence service (a locked bench bucket on the stack's SeaweedFS), a
 * central worker on a task queue of its own in this process, and the appliance worker in its own
 * process. The stack must be up (`npm run stack:up`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createCentralActivities, type CentralRuntime } from '@custos/activities';
import { AnchorService, EvidenceService, evidenceKeys } from '@custos/activities/evidence';
import { recordedEndpoints, minioClientFor, stackContext, type StackEndpoints } from '@custos/cli/stack';
import { vars } from '@custos/core/config';
import { parsePayloadKeys } from '@custos/core/codec';
import { connectDatabase, migrateToLatest, type Database } from '@custos/db';
import { randomSeed } from '@custos/evidence';
import { loadCatalogue, type Catalogue } from '@custos/runbooks';
import { FAILURE_CONVERTER_PATH, payloadDataConverter } from '@custos/runtime';
import { WORKFLOWS_PATH } from '@custos/workers';
import { startAppliance, startLab, type LabHostLine, type OwnedProcess } from './processes.js';
import { scratchDatabase } from '../../support/scratch-database.js';

const BENCH_BUCKET = 'custos-evidence-bench';
const ROLE = { dc: 'domain_controller', server: 'server', workstation: 'workstation' } as const;

export interface BenchEnv {
  endpoints: StackEndpoints;
  db: Kysely<Database>;
  catalogue: Catalogue;
  runtime: CentralRuntime;
  client: Client;
  taskQueue: string;
  siteId: string;
  hostIds: Record<string, string>;
  labHosts: LabHostLine[];
  adminUrl: string;
  appliance: OwnedProcess;
  centralActivities: ReturnType<typeof createCentralActivities>;
  stop(): Promise<void>;
}


export async function seedLabTenant(db: Kysely<Database>, hosts: readonly LabHostLine[], healingPaused: boolean): Promise<{ siteId: string; hostIds: Record<string, string> }> {
  const tag = randomUUID().slice(0, 8);
  const p = await db.insertInto('partners').values({ name: `Bench MSP ${tag}`, slug: `bench-${tag}` }).returning('id').executeTakeFirstOrThrow();
  const c = await db.insertInto('clients').values({ partner_id: p.id, name: 'Bench clinic' }).returning('id').executeTakeFirstOrThrow();
  const s = await db.insertInto('sites').values({ partner_id: p.id, client_id: c.id, name: 'Bench site', healing_paused: healingPaused }).returning('id').executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('hosts')
    .values(hosts.map((h) => ({ partner_id: p.id, client_id: c.id, site_id: s.id, hostname: h.name, os: null, role: ROLE[h.kind], last_seen_at: null })))
    .returning(['id', 'hostname'])
    .execute();
  return { siteId: s.id, hostIds: Object.fromEntries(rows.map((r) => [r.hostname, r.id])) };
}

export async function startBenchEnv(opts: { hosts: number; kinds?: string; healingPaused: boolean; batchSize?: number; parallelBatches?: number }): Promise<BenchEnv> {
  const endpoints = recordedEndpoints();
  if (!endpoints) throw new Error('the local stack is not up: run `npm run stack:up` first');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const scratch = mkdtempSync(path.join(tmpdir(), 'custos-bench-'));
  const lab = await startLab({ hosts: opts.hosts, kinds: opts.kinds, stateDir: path.join(scratch, 'lab'), seed: 11 });
  const database = await scratchDatabase(endpoints.postgres.databaseUrl, 'scan');
  const db = connectDatabase(database.url, { max: 10 });
  await migrateToLatest(db);
  const { siteId, hostIds } = await seedLabTenant(db, lab.hosts, opts.healingPaused);

  const minio = minioClientFor(stackContext().config);
  if (!(await minio.bucketExists(BENCH_BUCKET))) await minio.makeBucket(BENCH_BUCKET, endpoints.s3.region, { ObjectLocking: true });
  const { config } = stackContext();
  const keys = evidenceKeys({ domain: 'custos.bench', bundle: randomSeed(), log: randomSeed(), export: randomSeed(), root: randomSeed() });
  const { MinioObjectStore } = await import('@custos/activities/evidence');
  const store = new MinioObjectStore({ endpoint: new URL(endpoints.s3.endpoint), region: endpoints.s3.region, accessKey: config.s3AccessKey, secretKey: config.s3SecretKey, bucket: BENCH_BUCKET, prefix: `b-${randomUUID().slice(0, 8)}/` });

  const dataConverter = payloadDataConverter(parsePayloadKeys(vars.payloadKeys.devDefault!));
  const connection = await Connection.connect({ address: endpoints.temporal.address });
  const nativeConnection = await NativeConnection.connect({ address: endpoints.temporal.address });
  const client = new Client({ connection, namespace: endpoints.temporal.namespace, dataConverter, identity: 'custos-bench' });
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
  const catalogue = loadCatalogue();
  const taskQueue = `bench-central-${randomUUID().slice(0, 8)}`;
  const runtime: CentralRuntime = { db, catalogue, temporal: client, flywheelWorkflowId: `bench-flywheel-${randomUUID().slice(0, 8)}`, scanBatchSize: opts.batchSize ?? 10, scanParallelBatches: opts.parallelBatches ?? 4 };
  const service = new EvidenceService({ db, store, keys, trust: { tsaRoots: [], bitcoinMaxTarget: '207fffff' }, retention: { seconds: 600 }, agent: { name: 'custos-bench', version: '0.1.0', buildDigest: `sha256:${'be'.repeat(32)}` } });
  const evidence = { service, anchoring: new AnchorService(service, { otsCalendars: [], otsMinAttestations: 1, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: client };
  const centralActivities = createCentralActivities({ centralVersion: 'bench', scanHeal: runtime, evidence });
  const worker = await Worker.create({ connection: nativeConnection, namespace: endpoints.temporal.namespace, taskQueue, workflowBundle: { code }, dataConverter, activities: centralActivities });
  const running = worker.run();
  const appliance = startAppliance({ siteId, temporalAddress: endpoints.temporal.address, namespace: endpoints.temporal.namespace, adminUrl: lab.adminUrl, stateDir: path.join(scratch, 'appliance') });

  return {
    endpoints,
    db,
    catalogue,
    runtime,
    client,
    taskQueue,
    siteId,
    hostIds,
    labHosts: lab.hosts,
    adminUrl: lab.adminUrl,
    appliance,
    centralActivities,
    async stop() {
      // Everything still open on this world's queue (site entity, flywheel, history exporters) ends with it.
      for await (const wf of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
        await client.workflow.getHandle(wf.workflowId, wf.runId).terminate('bench done').catch(() => undefined);
      }
      await appliance.stop();
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
      await lab.stop();
      await db.destroy();
      await database.drop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
