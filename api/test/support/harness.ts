import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Connection, ScheduleNotFoundError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { connectDatabase, CredentialKeyring, listScheduleTargets, migrateToLatest, type Database } from '@custos/db';
import { packetScheduleId } from '@custos/activities/reports';
import { siteEntityWorkflowId, siteScheduleIds } from '@custos/activities/central';
import { connectTemporal, createTestDatabase, stackEndpoints, uniqueName, type TemporalTestConnections } from '@custos/testkit';
import { buildApp, type AppOptions } from '../../src/app.js';
import { temporalGateway } from '../../src/temporal/gateway.js';
import { catalogueReportDeps } from '../../src/routes/reports/catalogue-deps.js';

export const TEST_KEY = new Uint8Array(32).fill(42);

export interface Harness {
  app: FastifyInstance;
  db: Kysely<Database>;
  keyring: CredentialKeyring;
  temporal: TemporalTestConnections;
  /** Queue the approval probe worker polls (only when started with `approvals: true`). */
  probeQueue: string;
  /** Queue the gateway starts site entities and packet Schedules on (no worker polls it unless a test runs one). */
  centralQueue: string;
  close(): Promise<void>;
}

/**
 * The real API over a fresh migrated database on the stack's PostgreSQL and a real Temporal
 * client, plus (optionally) a worker running the approval probe workflow.
 */
export async function startHarness(
  label: string,
  opts: { approvals?: boolean; publicUrl?: string; authRateLimit?: number; logger?: AppOptions['logger']; centralQueue?: string; provisionTimeoutMs?: number } = {},
): Promise<Harness> {
  const database = await createTestDatabase(label);
  const db = connectDatabase(database.url, { max: 5 });
  await migrateToLatest(db);
  const keyring = new CredentialKeyring(TEST_KEY);
  const temporal = await connectTemporal(`api-test-${label}`);
  const { address, namespace } = stackEndpoints().temporal;
  const connection = await Connection.connect({ address });
  const centralQueue = opts.centralQueue ?? uniqueName('api-central');
  const app = await buildApp({
    db,
    keyring,
    // Site entities and packet Schedules go to a queue of the test's own; with no worker there, turning
    // a site's Schedules on gives up quickly (the API logs it and carries on, as in production).
    workflows: temporalGateway(connection, namespace, temporal.dataConverter, { taskQueue: centralQueue, provisionTimeoutMs: opts.provisionTimeoutMs ?? 1000 }),
    publicUrl: new URL(opts.publicUrl ?? 'http://127.0.0.1:3000'),
    allowInsecureOidcIssuer: true,
    authRateLimit: opts.authRateLimit ?? 10_000,
    // Packets and decision recordings start on a queue no worker polls: these tests check the API side.
    reports: catalogueReportDeps(connection, namespace, temporal.dataConverter, undefined, { lazy: true, taskQueue: uniqueName('api-reports') }),
  }, { logger: opts.logger });
  const probeQueue = uniqueName('api-approvals');
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  if (opts.approvals) {
    worker = await Worker.create({
      connection: temporal.workerConnection,
      namespace,
      taskQueue: probeQueue,
      dataConverter: temporal.dataConverter,
      workflowsPath: fileURLToPath(new URL('../fixtures/approval-probe.workflow.ts', import.meta.url)),
    });
    running = worker.run();
  }
  return {
    app,
    db,
    keyring,
    temporal,
    probeQueue,
    centralQueue,
    async close() {
      await app.close();
      await removeTemporalTenants(db, temporal.client);
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await temporal.close();
      await db.destroy();
      await database.drop();
    },
  };
}

/**
 * Removes what the API created in the shared namespace for this database's clients and sites:
 * packet Schedules, site entities and their Schedules (all named by ids unique to this database).
 */
export async function removeTemporalTenants(db: Kysely<Database>, client: Client): Promise<void> {
  const { clientIds, sites } = await listScheduleTargets(db, { kind: 'platform' });
  const deleteSchedule = (id: string) => client.schedule.getHandle(id).delete().catch((err: unknown) => {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  });
  const terminate = (id: string) => client.workflow.getHandle(id).terminate('test finished').catch((err: unknown) => {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  });
  await Promise.all([
    ...clientIds.map((id) => deleteSchedule(packetScheduleId(id))),
    ...sites.flatMap((s) => [terminate(siteEntityWorkflowId(s.id)), ...Object.values(siteScheduleIds(s.id)).map(deleteSchedule)]),
  ]);
}
