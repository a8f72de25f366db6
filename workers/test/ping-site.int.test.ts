import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { connectTemporal, runWorkers, uniqueName, type RunningWorkers, type TemporalTestConnections } from '@custos/testkit';
import type { pingSite } from '@custos/workflows';

const FIXTURES = path.join(import.meta.dirname, '../../workflows/test/fixtures/histories/ping-site');

describe('pingSite on the real Temporal dev server', () => {
  let temporal: TemporalTestConnections;
  let workers: RunningWorkers;
  const siteId = uniqueName('site');

  beforeAll(async () => {
    temporal = await connectTemporal();
    workers = await runWorkers({
      connection: temporal.workerConnection,
      namespace: temporal.namespace,
      central: { centralVersion: 'test-central' },
      sites: [{ siteId, applianceVersion: 'test-appliance' }],
    });
  });

  afterAll(async () => {
    await workers?.stop();
    await temporal?.close();
  });

  it('reaches the site appliance through its own queue and central through central, and replays', async () => {
    const workflowId = uniqueName('ping-site');
    const handle = await temporal.client.workflow.start<typeof pingSite>('pingSite', {
      taskQueue: workers.centralTaskQueue,
      workflowId,
      args: [siteId],
    });
    const result = await handle.result();

    expect(result.site).toMatchObject({ siteId, applianceVersion: 'test-appliance', taskQueue: `site.${siteId}` });
    expect(result.central).toMatchObject({ taskQueue: workers.centralTaskQueue, centralVersion: 'test-central' });

    const history = await handle.fetchHistory();
    const scheduled = history.events?.filter((e) => e.activityTaskScheduledEventAttributes) ?? [];
    expect(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.taskQueue?.name)).toEqual([`site.${siteId}`, workers.centralTaskQueue]);

    // The history just recorded replays against the same code without non-determinism.
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: temporal.dataConverter }, history, workflowId);

    if (process.env.CUSTOS_RECORD_FIXTURES === '1') {
      const { historyToJSON } = await import('@temporalio/common/lib/proto-utils.js');
      writeFileSync(path.join(FIXTURES, 'completed.json'), historyToJSON(history) + '\n');
    }
  });
});
