/**
 * The gateway test world: a migrated database with two sites and an appliance each, the gateway
 * over TLS (test CA) in front of the stack's real Temporal dev server, and a central worker that
 * runs the shared workflow bundle directly against Temporal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Kysely } from 'kysely';
import grpc from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { connectDatabase, createClient, createPartner, createSite, migrateToLatest, type Database } from '@custos/db';
import { connectTemporal, createTestDatabase, stackEndpoints, uniqueName, type TemporalTestConnections, type TestDatabase } from '@custos/testkit';
import { createTestCa } from '@custos/testkit/tls';
import { applianceConnectionOptions, connectAppliance } from '@custos/runtime';
import { createCentralWorker } from '@custos/workers';
import { sha256 } from '../../src/auth/secrets.js';
import { startApplianceGateway, type ApplianceGateway } from '../../src/appliance-gateway/index.js';

export interface SiteAppliance {
  siteId: string;
  applianceId: string;
  token: string;
}

export interface GatewayWorld {
  db: Kysely<Database>;
  temporal: TemporalTestConnections;
  gateway: ApplianceGateway;
  a: SiteAppliance;
  b: SiteAppliance;
  centralTaskQueue: string;
  warnings: { obj: object; msg: string }[];
  /** Native connection for an appliance worker through the gateway, built by the appliance's own config helper. */
  applianceConnection(token: string): Promise<NativeConnection>;
  /** One raw unary call through the gateway (empty request body), for calls without SDK checks in between. */
  rawCall(method: string, metadata: grpc.Metadata): Promise<Buffer>;
  /** A client-side connection through the gateway (what a compromised appliance could open). */
  clientConnection(token: string | undefined): Promise<Connection>;
  close(): Promise<void>;
}

async function seedSite(db: Kysely<Database>, partnerId: string, name: string): Promise<SiteAppliance> {
  const platform = { kind: 'platform' as const };
  const client = (await createClient(db, platform, { partnerId, name: `${name} practice` }))!;
  const site = (await createSite(db, platform, { clientId: client.id, name }))!;
  const token = `cap_${randomBytes(32).toString('base64url')}`;
  const appliance = await db
    .insertInto('appliances')
    .values({
      partner_id: partnerId,
      client_id: client.id,
      site_id: site.id,
      name: `${name} appliance`,
      public_key: randomBytes(32),
      token_sha256: sha256(token),
      agent_version: 'test',
      health: null,
      last_heartbeat_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { siteId: site.id, applianceId: appliance.id, token };
}

export async function gatewayWorld(): Promise<GatewayWorld> {
  const database: TestDatabase = await createTestDatabase('gateway');
  const db = connectDatabase(database.url, { max: 5 });
  await migrateToLatest(db);
  const partner = await createPartner(db, { kind: 'platform' }, { name: 'Gateway MSP', slug: uniqueName('gw-msp') });
  const a = await seedSite(db, partner.id, 'Site A');
  const b = await seedSite(db, partner.id, 'Site B');

  const ca = await createTestCa('Custos Gateway Test CA');
  const tls = await ca.issue({ dns: ['localhost'], ips: ['127.0.0.1'] });
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-gateway-'));
  const caPath = path.join(dir, 'ca.pem');
  writeFileSync(caPath, ca.certPem);

  const { temporal: endpoints } = stackEndpoints();
  const warnings: { obj: object; msg: string }[] = [];
  const gateway = await startApplianceGateway({
    db,
    upstream: { address: endpoints.address },
    namespace: endpoints.namespace,
    tls: { certPem: tls.certPem, keyPem: tls.keyPem },
    listen: '127.0.0.1:0',
    logger: { info: () => {}, warn: (obj, msg) => warnings.push({ obj, msg }), error: (obj, msg) => warnings.push({ obj, msg }) },
  });

  const temporal = await connectTemporal('gateway-test-central');
  const centralTaskQueue = uniqueName('central-gw');
  const central: Worker = await createCentralWorker({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    taskQueue: centralTaskQueue,
    activityDeps: { centralVersion: 'gateway-test' },
    workflowBundle: { codePath: inject('workflowBundlePath') },
    dataConverter: temporal.dataConverter,
  });
  const centralRun = central.run();

  const host = endpoints.address.replace(/:\d+$/, '');
  const gatewayConfig = (token: string) => ({
    temporalAddress: { host, port: Number(endpoints.address.split(':').pop()) },
    temporalNamespace: endpoints.namespace,
    temporalTls: false,
    temporalTlsCaPath: undefined,
    temporalTlsCertPath: undefined,
    temporalTlsKeyPath: undefined,
    temporalApiKey: undefined,
    gatewayAddress: { host: '127.0.0.1', port: gateway.port },
    gatewayCaPath: caPath,
    gatewayServerName: undefined,
    applianceToken: token,
  });
  const connections: { close(): Promise<void> }[] = [];
  return {
    db,
    temporal,
    gateway,
    a,
    b,
    centralTaskQueue,
    warnings,
    async applianceConnection(token) {
      const c = await connectAppliance(gatewayConfig(token));
      connections.push(c);
      return c;
    },
    rawCall(method, metadata) {
      const raw = new grpc.Client(`127.0.0.1:${gateway.port}`, grpc.credentials.createSsl(Buffer.from(ca.certPem)), { 'grpc.ssl_target_name_override': 'localhost' });
      connections.push({ close: async () => raw.close() });
      return new Promise((resolve, reject) =>
        raw.makeUnaryRequest(`/temporal.api.workflowservice.v1.WorkflowService/${method}`, (b: Buffer) => b, (b: Buffer) => b, Buffer.alloc(0), metadata, { deadline: Date.now() + 10_000 }, (err, res) =>
          err ? reject(err) : resolve(res!),
        ),
      );
    },
    async clientConnection(token) {
      const options = applianceConnectionOptions(gatewayConfig(token ?? 'cap_unused_placeholder'));
      const c = await Connection.connect({ address: options.address, tls: { serverRootCACertificate: Buffer.from(ca.certPem), serverNameOverride: 'localhost' }, apiKey: token, connectTimeout: 5000 });
      connections.push(c);
      return c;
    },
    async close() {
      if (central.getState() === 'RUNNING') central.shutdown();
      await centralRun;
      for (const c of connections) await c.close().catch(() => undefined);
      await temporal.close();
      await gateway.close();
      await db.destroy();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

