import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import type { WorkflowBundle } from '@temporalio/worker';
import { fromBase64, fromUtf8, parseCanonical, parseEnvelope } from '@custos/evidence';
import type { EvidenceStatement } from '@custos/evidence';
import { connectTemporal, uniqueName } from '@custos/testkit';
import type { TemporalTestConnections } from '@custos/testkit';
import { createCentralWorker } from '@custos/workers';
import { AnchorService } from '../../src/central/evidence/index.js';
import type { RecordedEvidence } from '../../src/central/evidence/index.js';
import { evidenceTestEnv } from './support.js';
import type { EvidenceTestEnv } from './support.js';

// recordHistoryEvidence as scan/heal/approval workflows call it: first thing in the run; the history
// must be recorded however the run closes, and the run must still replay when the replayer does not
// know its workflow id (histories do not carry it).

const PLAIN = {};

describe('recordHistoryEvidence (called by the workflow itself)', () => {
  let env: EvidenceTestEnv;
  let temporal: TemporalTestConnections;
  let bundle: WorkflowBundle;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueName('record-history');

  beforeAll(async () => {
    env = await evidenceTestEnv('record_history');
    temporal = await connectTemporal('custos-test', PLAIN);
    bundle = await bundleWorkflowCode({ workflowsPath: path.join(import.meta.dirname, 'workflows/records-its-history.ts'), logger: new DefaultLogger('WARN') });
    worker = await createCentralWorker({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowBundle: bundle,
      dataConverter: PLAIN,
      activityDeps: { centralVersion: 'test-central', evidence: { service: env.service, anchoring: new AnchorService(env.service, { otsCalendars: [], otsMinAttestations: 2, headerSource: 'http://127.0.0.1:9/{height}' }), temporal: temporal.client } },
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await temporal?.close();
    await env?.close();
  });

  async function statementOf(recorded: RecordedEvidence): Promise<EvidenceStatement> {
    const bytes = (await env.service.store.get(recorded.objectKey, recorded.versionId!))!;
    return JSON.parse(fromUtf8(fromBase64(parseEnvelope(parseCanonical(bytes).value).payload))) as EvidenceStatement;
  }

  it.each([
    ['succeeds', 'completed', false],
    ['fails', 'failed', true],
  ] as const)('records the history of a run that %s (status %s), and the run replays without its workflow id', async (_how, status, fail) => {
    const siteId = env.sites[0]!.siteId;
    const handle = await temporal.client.workflow.start('recordsItsHistory', { taskQueue, workflowId: uniqueName('records-its-history'), args: [siteId, fail] });
    const outcome = await handle.result().then(() => 'completed', () => 'failed');
    expect(outcome).toBe(status);
    const recorded = await temporal.client.workflow.getHandle(`history-evidence:${handle.firstExecutionRunId}`).result() as RecordedEvidence;
    const history = (await statementOf(recorded)).predicate.history!;
    expect(history).toMatchObject({ workflowType: 'recordsItsHistory', workflowId: handle.workflowId, workflowRunId: handle.firstExecutionRunId, status });
    await Worker.runReplayHistory({ workflowBundle: bundle }, await handle.fetchHistory(), 'not-the-original-workflow-id');
  });
});
