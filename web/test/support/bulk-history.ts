import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { SiteId } from '@custos/core';

const WORKFLOWS = fileURLToPath(new URL('../fixtures/bulk-history.workflow.ts', import.meta.url));

/**
 * Runs the bulk-history workflow to completion on its own task queue and returns its ids: a real
 * history of about `targetEvents` events (payloads encrypted by the codec like every run), filed
 * under `siteId` so the dashboard's access check lets that site's users read it.
 */
export async function runBulkHistory(opts: {
  client: Client;
  workerConnection: NativeConnection;
  namespace: string;
  dataConverter: DataConverter;
  siteId: string;
  targetEvents: number;
  taskQueue: string;
}): Promise<{ workflowId: string; runId: string; historyLength: number }> {
  const worker = await Worker.create({
    connection: opts.workerConnection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowsPath: WORKFLOWS,
    dataConverter: opts.dataConverter,
    activities: {
      async runCheck(input: { n: number }) {
        // One check in fifty cannot run: the workflow records the failure and moves on.
        if (input.n % 50 === 49) throw ApplicationFailure.nonRetryable(`host did not answer (check ${input.n})`, 'HostUnreachable');
        return { passed: input.n % 7 !== 0, n: input.n };
      },
    },
  });
  const workflowId = `bulk-history-${opts.siteId.slice(0, 8)}-${Date.now()}`;
  try {
    await worker.runUntil(async () => {
      await opts.client.workflow.execute('bulkHistory', {
        taskQueue: opts.taskQueue,
        workflowId,
        args: [{ targetEvents: opts.targetEvents, batch: 25 }],
        typedSearchAttributes: [{ key: SiteId, value: opts.siteId }],
      });
    });
  } finally {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  }
  const d = await opts.client.workflow.getHandle(workflowId).describe();
  return { workflowId, runId: d.runId, historyLength: d.historyLength };
}
