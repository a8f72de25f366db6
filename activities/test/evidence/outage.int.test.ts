import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildKit, memorySource, verifyKit } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { connectTemporal, runWorkers, uniqueName } from '@custos/testkit';
import type { RunningWorkers, TemporalTestConnections } from '@custos/testkit';
import type { WorkflowHandle } from '@temporalio/client';
import type { exportWorkflowHistory, pingSite } from '@custos/workflows';
import { AnchorService, evidenceDb, MinioObjectStore, workflowCodeFromFile } from '../../src/central/evidence/index.js';
import { evidenceTestEnv } from './support.js';
import type { EvidenceTestEnv } from './support.js';
import { privateSeaweed } from './private-seaweed.js';
import type { PrivateSeaweed } from './private-seaweed.js';
import { readKitInputs } from './kit-inputs.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('object store outage: evidence is delayed, none is lost or doubled', () => {
  let weed: PrivateSeaweed;
  let env: EvidenceTestEnv;
  let temporal: TemporalTestConnections;
  let workers: RunningWorkers;

  beforeAll(async () => {
    weed = await privateSeaweed();
    await weed.start();
    const store = new MinioObjectStore({ endpoint: weed.endpoint, region: 'us-east-1', accessKey: weed.accessKey, secretKey: weed.secretKey, bucket: 'evidence' });
    env = await evidenceTestEnv('outage', { store });
    temporal = await connectTemporal();
    workers = await runWorkers({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      central: {
        centralVersion: 'test-central',
        evidence: { service: env.service, anchoring: new AnchorService(env.service, { otsCalendars: [], otsMinAttestations: 2, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: temporal.client, workflowCode: workflowCodeFromFile(inject('workflowBundlePath')) },
      },
      sites: [{ siteId: env.sites[0]!.siteId, applianceVersion: 'test-appliance' }],
    });
  });

  afterAll(async () => {
    await workers?.stop();
    await temporal?.close();
    await env?.close();
    await weed?.destroy();
  });

  async function pingAndExport(): Promise<WorkflowHandle<typeof exportWorkflowHistory>> {
    const siteId = env.sites[0]!.siteId;
    const workflowId = uniqueName('ping-site');
    const run = await temporal.client.workflow.start<typeof pingSite>('pingSite', { taskQueue: workers.centralTaskQueue, workflowId, args: [siteId] });
    await run.result();
    return temporal.client.workflow.start<typeof exportWorkflowHistory>('exportWorkflowHistory', {
      taskQueue: workers.centralTaskQueue,
      workflowId: `history-evidence:${workflowId}`,
      args: [{ workflowId, runId: run.firstExecutionRunId, siteId, poll: { firstSeconds: 1, maxSeconds: 1 } }],
    });
  }

  const logged = async () => Number((await evidenceDb(env.db).selectFrom('evidence_index').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('keeps retrying through a stopped SeaweedFS and records every history once it is back', async () => {
    const before = await Promise.all(Array.from({ length: 4 }, () => pingAndExport()));
    await Promise.all(before.map((h) => h.result()));
    expect(await logged()).toBe(4);

    await weed.stop();
    const during = await Promise.all(Array.from({ length: 4 }, () => pingAndExport()));
    await sleep(8000);
    // Nothing could be stored, so nothing was logged; the exports are waiting, not failed.
    expect(await logged()).toBe(4);
    const waiting = await Promise.all(during.map((h) => h.describe()));
    expect(waiting.map((d) => d.status.name)).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING']);
    const attempts = waiting.flatMap((d) => d.raw.pendingActivities ?? []).map((a) => a.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThan(1);

    await weed.start();
    const recorded = await Promise.all(during.map((h) => h.result()));
    expect(recorded.every((r) => !r.duplicate)).toBe(true);

    const rows = await evidenceDb(env.db).selectFrom('evidence_index').select(['log_index', 'request_key']).orderBy('log_index').execute();
    expect(rows.map((r) => Number(r.log_index))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(rows.map((r) => r.request_key)).size).toBe(8);

    const report = await verifyKit(memorySource(buildKit(await readKitInputs(env, env.sites, env.keys.export))), { verifier: nodeVerifier() });
    expect(report.failures).toEqual([]);
    expect(report.sites[0]).toMatchObject({ entries: 8, envelopesVerified: 8, artefactsVerified: 9 });
  }, 240_000);
});
