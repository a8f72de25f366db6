import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { connectTemporal, uniqueName, type TemporalTestConnections } from '@custos/testkit';
import { createNotifyActivities, type DeliveryReport } from '../../src/central/notify/index.js';
import { approvalNotification, HOSTS, notifyWorld, type NotifyWorld } from './notify-world.js';

let w: NotifyWorld;
let temporal: TemporalTestConnections;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueName('notify-probe');

beforeAll(async () => {
  w = await notifyWorld();
  temporal = await connectTemporal('notify-test');
  worker = await Worker.create({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/notify-probe.workflow.ts', import.meta.url)),
    activities: createNotifyActivities(w.deps()),
    dataConverter: temporal.dataConverter,
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await temporal?.close();
  await w?.close();
});

describe('deliverNotification through Temporal retries', () => {
  it('retries a flaky channel until it answers, reports dead ones, and the workflow always completes', async () => {
    w.receiver.answer('/flaky', { status: 503 }, { status: 503 }, { status: 200 });
    w.receiver.answer('/dead', { status: 410, body: 'channel archived' });
    w.receiver.answer('/down', { status: 503 });
    const notification = approvalNotification({ id: uniqueName('reminder') });
    const target = (path: string) => w.receiver.url(HOSTS.webhook, path);
    const reports = await temporal.client.workflow.execute<(inputs: unknown[]) => Promise<DeliveryReport[]>>('notifyProbe', {
      taskQueue,
      workflowId: uniqueName('notify-probe'),
      workflowExecutionTimeout: '2 minutes',
      args: [
        [
          { channel: { id: 'flaky', kind: 'webhook', name: 'flaky', target: target('/flaky') }, notification },
          { channel: { id: 'dead', kind: 'webhook', name: 'dead', target: target('/dead') }, notification },
          { channel: { id: 'down', kind: 'webhook', name: 'down', target: target('/down') }, notification },
          { channel: { id: 'mail', kind: 'email', name: 'mail', target: 'oncall@msp.example' }, notification },
        ],
      ],
    });
    expect(reports).toEqual([
      { channelId: 'flaky', kind: 'webhook', status: 'delivered', attempt: 3, detail: 'HTTP 200' },
      { channelId: 'dead', kind: 'webhook', status: 'failed', permanent: true, attempt: 1, error: 'HTTP 410: channel archived' },
      expect.objectContaining({ channelId: 'down', status: 'failed', permanent: false, attempt: 3 }),
      expect.objectContaining({ channelId: 'mail', status: 'delivered', attempt: 1 }),
    ]);
    // Every attempt of the flaky channel carried the same delivery id, so the receiver can dedupe.
    const ids = new Set(w.receiver.received.filter((r) => r.path === '/flaky').map((r) => r.headers['x-custos-delivery']));
    expect(ids).toEqual(new Set([notification.id]));
  });
});
