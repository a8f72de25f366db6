import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Connection } from '@temporalio/client';
import { buildPacket } from '@custos/core';
import { createClient, createPartner, createSite, CredentialKeyring, type Role } from '@custos/db';
import { loadCatalogue, type Catalogue } from '@custos/runbooks';
import { connectTemporal, runWorkers, stackEndpoints, uniqueName, type RunningWorkers, type TemporalTestConnections } from '@custos/testkit';
import { AnchorService } from '@custos/activities/evidence';
import { gatherPacketInput, packetCatalogue, storePacket, type StoredPacket } from '@custos/activities/reports';
import { buildApp } from '../../../src/app.js';
import { temporalGateway } from '../../../src/temporal/gateway.js';
import { catalogueReportDeps } from '../../../src/routes/reports/catalogue-deps.js';
import { makeUser, type Actor } from '../../support/world.js';
import { evidenceTestEnv, type EvidenceTestEnv } from '../../../../activities/test/evidence/support.js';
import { publishTrustValidFrom } from '../../../../activities/test/reports/support/backdated-trust.js';
import { lastMonth, monthBefore, seedSiteHistory } from '../../../../activities/test/reports/support/seeded-client.js';

/**
 * The API over a database with real evidence: partner A with clients `own` and `sibling`, partner B
 * with `other`; each has a site with a few days of scans last month recorded through the evidence
 * service and a packet generated from them (gathered, rendered, stored as evidence, indexed). A
 * central worker runs packet and decision-recording workflows on a queue of its own.
 */
export interface PlaceWithPacket {
  partnerId: string;
  clientId: string;
  siteId: string;
  packet: StoredPacket & { pdf: Uint8Array; json: Uint8Array };
}

export interface PacketWorld {
  app: FastifyInstance;
  env: EvidenceTestEnv;
  catalogue: Catalogue;
  temporal: TemporalTestConnections;
  workers: RunningWorkers;
  month: string;
  own: PlaceWithPacket;
  sibling: PlaceWithPacket;
  other: PlaceWithPacket;
  actors: Record<Role, Actor> & { foreignAuditor: Actor; otherAdmin: Actor };
  close(): Promise<void>;
}

export async function startPacketWorld(label: string): Promise<PacketWorld> {
  const month = lastMonth();
  const since = monthBefore(month);
  const catalogue = loadCatalogue();
  const env = await evidenceTestEnv(label, { sites: 2, clients: 2 });
  await publishTrustValidFrom(env.service, env.keys, since);
  const platform = { kind: 'platform' } as const;
  const partnerB = await createPartner(env.db, platform, { name: 'Partner B', slug: `partner-b-${randomBytes(3).toString('hex')}` });
  const clientB = (await createClient(env.db, platform, { partnerId: partnerB.id, name: 'Clinic B' }))!;
  const siteB = (await createSite(env.db, platform, { clientId: clientB.id, name: 'Site B' }))!;
  const places = [env.sites[0]!, env.sites[1]!, { partnerId: partnerB.id, clientId: clientB.id, siteId: siteB.id }];
  const view = packetCatalogue(catalogue);
  const withPackets: PlaceWithPacket[] = [];
  for (const p of places) {
    await seedSiteHistory(env, catalogue, p.siteId, { month, since, days: 3 });
    const { input, evidenceSiteId } = await gatherPacketInput({ db: env.db, service: env.service, catalogue: view }, p.clientId, month);
    const packet = await storePacket(env.db, env.service, { clientId: p.clientId, month, evidenceSiteId, packet: buildPacket(input), trigger: 'cli', runId: randomUUID(), workflowId: null, requestedBy: null, startedAt: new Date().toISOString() });
    withPackets.push({ ...p, packet });
  }
  const [own, sibling, other] = withPackets as [PlaceWithPacket, PlaceWithPacket, PlaceWithPacket];
  const partnerA = own.partnerId;
  const actors = {
    platform_admin: await makeUser(env.db, 'platform_admin', { partnerId: null, clientId: null }),
    partner_admin: await makeUser(env.db, 'partner_admin', { partnerId: partnerA, clientId: null }),
    partner_tech: await makeUser(env.db, 'partner_tech', { partnerId: partnerA, clientId: null }),
    client_owner: await makeUser(env.db, 'client_owner', { partnerId: partnerA, clientId: own.clientId }),
    client_viewer: await makeUser(env.db, 'client_viewer', { partnerId: partnerA, clientId: own.clientId }),
    auditor: await makeUser(env.db, 'auditor', { partnerId: partnerA, clientId: null, grants: [own.clientId] }),
    foreignAuditor: await makeUser(env.db, 'auditor', { partnerId: partnerA, clientId: null, grants: [sibling.clientId] }),
    otherAdmin: await makeUser(env.db, 'partner_admin', { partnerId: partnerB.id, clientId: null }),
  };

  const temporal = await connectTemporal(`api-reports-${label}`);
  const workers = await runWorkers({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    central: {
      centralVersion: 'test-central',
      evidence: { service: env.service, anchoring: new AnchorService(env.service, { otsCalendars: [], otsMinAttestations: 2, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: temporal.client },
      scanHeal: { db: env.db, catalogue, temporal: temporal.client, flywheelWorkflowId: uniqueName('flywheel') },
    },
    sites: [],
  });
  const connection = await Connection.connect({ address: stackEndpoints().temporal.address });
  const app = await buildApp({
    db: env.db,
    keyring: new CredentialKeyring(new Uint8Array(32).fill(42)),
    workflows: temporalGateway(connection, temporal.namespace, temporal.dataConverter),
    publicUrl: new URL('http://127.0.0.1:3000'),
    allowInsecureOidcIssuer: true,
    authRateLimit: 10_000,
    reports: catalogueReportDeps(connection, temporal.namespace, temporal.dataConverter, undefined, { lazy: true, taskQueue: workers.centralTaskQueue }),
  });
  return {
    app, env, catalogue, temporal, workers, month, own, sibling, other, actors,
    async close() {
      await app.close();
      await workers.stop();
      await connection.close();
      await temporal.close();
      await env.close();
    },
  };
}
