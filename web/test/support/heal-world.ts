/**
 * The platform plus the real scan and heal runtime, for browser tests of the flows: a lab site of
 * simulated Windows hosts, a central worker running the real workflows (the bundle the integration
 * set-up built) with the fixture catalogue, an appliance worker reaching the lab over WinRM, and the
 * site's entity workflow with an always-open maintenance window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { createCentralActivities, createSiteActivities, CredentialVault, LabSiteDirectory, RemediationJournal } from '@custos/activities';
import { AnchorService, EvidenceService } from '@custos/activities/evidence';
import type { SiteEntityInput } from '@custos/activities/types';
import { SiteId, siteTaskQueue } from '@custos/core';
import { createClient, createPartner, createSite, upsertHost, type Scope } from '@custos/db';
import { s3Client, stackEndpoints, startLabSite, uniqueName, type LabSiteHandle } from '@custos/testkit';
import { WinrmClient } from '@custos/winrm';
import { FIXTURE_CATALOGUE_ROOT, fixtureCatalogue, FIXTURE_HANDLERS, fixtureScriptCatalogue } from '../../../activities/test/fixtures/lab-handlers.js';
import { ensureLockedBucket, EVIDENCE_TEST_BUCKET, randomSeeds, stackStore, TEST_RETENTION } from '../../../activities/test/evidence/support.js';
import { evidenceKeys } from '@custos/activities/evidence';
import type { Tenant } from './people.js';
import { startPlatform, type Platform } from './platform.js';

const PLATFORM: Scope = { kind: 'platform' };
const ROLE = { dc: 'domain_controller', server: 'server', workstation: 'workstation' } as const;

export interface HealWorld {
  platform: Platform;
  /** Where this world's evidence is: the stack's locked test bucket under a prefix of its own. */
  evidence: { bucket: string; prefix: string; service: EvidenceService };
  lab: LabSiteHandle;
  tenant: Tenant & { hostIdByName: Record<string, string> };
  centralTaskQueue: string;
  /** Runs one scan of the site to completion and returns its workflow id. */
  scan(): Promise<string>;
  stop(): Promise<void>;
}

export async function startHealWorld(label: string, hosts: number): Promise<HealWorld> {
  await ensureLockedBucket(s3Client(), EVIDENCE_TEST_BUCKET);
  const prefix = `${uniqueName('web')}/`;
  // The dashboard reads the same catalogue the workers run (CUSTOS_RUNBOOKS_DIR) and the same
  // evidence bucket and prefix the evidence service writes, as in production.
  const platform = await startPlatform(label, {
    webEnv: { CUSTOS_RUNBOOKS_DIR: FIXTURE_CATALOGUE_ROOT, S3_EVIDENCE_BUCKET: EVIDENCE_TEST_BUCKET, CUSTOS_EVIDENCE_PREFIX: prefix, S3_ENDPOINT: stackEndpoints().s3.endpoint },
  });
  const { db, temporal } = platform;
  const lab = await startLabSite({ hosts, catalogue: await fixtureScriptCatalogue(), handlers: FIXTURE_HANDLERS });
  const suffix = uniqueName('w').slice(2);
  const partner = await createPartner(db, PLATFORM, { name: 'Partner Heal', slug: `heal-${suffix}` });
  const client = (await createClient(db, PLATFORM, { partnerId: partner.id, name: 'Clinic Heal' }))!;
  const site = (await createSite(db, PLATFORM, { clientId: client.id, name: 'Heal office' }))!;
  const hostIdByName: Record<string, string> = {};
  for (const h of lab.hosts) hostIdByName[h.name] = (await upsertHost(db, PLATFORM, { siteId: site.id, hostname: h.name, os: null, role: ROLE[h.kind] }))!.id;

  const catalogue = fixtureCatalogue();
  // The real evidence service: scans and heals sign and log their bundles as they do in production.
  const evidence = new EvidenceService({
    db,
    store: stackStore(EVIDENCE_TEST_BUCKET, prefix),
    keys: evidenceKeys(randomSeeds()),
    trust: { tsaRoots: [], bitcoinMaxTarget: '207fffff' },
    retention: TEST_RETENTION,
    agent: { name: 'custos-central', version: '0.1.0-test', buildDigest: `sha256:${'ef'.repeat(32)}` },
  });
  const anchoring = new AnchorService(evidence, { otsCalendars: [], otsMinAttestations: 1, headerSource: 'http://127.0.0.1:9/{height}' });
  const centralTaskQueue = uniqueName('central-web');
  const flywheelWorkflowId = uniqueName('flywheel-web');
  const central = await Worker.create({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    taskQueue: centralTaskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    dataConverter: temporal.dataConverter,
    activities: {
      ...createCentralActivities({
        centralVersion: 'web-test',
        scanHeal: { db, catalogue, temporal: temporal.client, flywheelWorkflowId, scanBatchSize: 5, scanParallelBatches: 2 },
        evidence: { service: evidence, anchoring, temporal: temporal.client },
      }),
      // Channels are another component's; deliveries are counted, not sent.
      notify: async () => ({ delivered: 1 }),
    },
  });
  const winrm = new WinrmClient({ globalConcurrency: 16, perHostConcurrency: 2 });
  const journalDir = mkdtempSync(path.join(tmpdir(), 'custos-web-appliance-'));
  const journal = RemediationJournal.open(journalDir);
  const appliance = await Worker.create({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    taskQueue: siteTaskQueue(site.id),
    dataConverter: temporal.dataConverter,
    activities: createSiteActivities({ siteId: site.id, applianceVersion: 'web-test', runtime: { catalogue, vault: new CredentialVault(new LabSiteDirectory(lab.adminUrl)), winrm, journal } }),
  });
  const runs = [central.run(), appliance.run()];
  const entity: SiteEntityInput = {
    snapshot: {
      siteId: site.id,
      config: {
        serverScanEveryMinutes: 15,
        workstationScanEveryMinutes: 60,
        discoveryEveryMinutes: 60,
        maintenanceWindow: { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', durationMinutes: 1440 },
        approvalSlaMs: { critical: 600_000, high: 600_000, medium: 600_000, low: 600_000 },
        contactLevels: 2,
        schedulesPaused: false,
      },
      configVersion: 1,
      cooldowns: [],
    },
    manageSchedules: false,
  };
  await temporal.client.workflow.start('siteEntity', { workflowId: `site:${site.id}`, taskQueue: centralTaskQueue, args: [entity] });

  return {
    platform,
    evidence: { bucket: EVIDENCE_TEST_BUCKET, prefix, service: evidence },
    lab,
    tenant: { partnerId: partner.id, partnerName: partner.name, clientId: client.id, siteId: site.id, siteName: site.name, hostIds: Object.values(hostIdByName), hostIdByName },
    centralTaskQueue,
    async scan() {
      const workflowId = uniqueName('scan');
      // As the site's Schedules start it: the site id as a search attribute is what scopes the run.
      await temporal.client.workflow.execute('scanSite', { taskQueue: centralTaskQueue, workflowId, args: [{ siteId: site.id, trigger: 'manual' }], typedSearchAttributes: [{ key: SiteId, value: site.id }] });
      return workflowId;
    },
    async stop() {
      for (const id of [`site:${site.id}`, flywheelWorkflowId]) await temporal.client.workflow.getHandle(id).terminate('test world stopped').catch(() => undefined);
      for (const w of [central, appliance]) if (w.getState() === 'RUNNING') w.shutdown();
      await Promise.all(runs);
      winrm.close();
      journal.close();
      rmSync(journalDir, { recursive: true, force: true });
      await lab.stop();
      await platform.close();
    },
  };
}
