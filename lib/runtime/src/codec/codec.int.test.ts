import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import type { DataConverter } from '@temporalio/common';
import { connectTemporal, runWorkers, uniqueName, type TemporalTestConnections } from '@custos/testkit';
import { payloadDataConverter } from './data-converter.js';

const { History } = proto.temporal.api.history.v1;
const octoberKey = { id: 'codec-test-2026-10', key: randomBytes(32) };
const novemberKey = { id: 'codec-test-2026-11', key: randomBytes(32) };

/** Runs pingSite once with the given keyring; the versions are markers that exist only inside payloads. */
async function pingOnce(dataConverter: DataConverter) {
  const temporal = await connectTemporal('codec-test', dataConverter);
  const siteId = uniqueName('codec');
  const markers = { appliance: `appliance-marker-${randomUUID()}`, central: `central-marker-${randomUUID()}` };
  const workers = await runWorkers({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    central: { centralVersion: markers.central },
    sites: [{ siteId, applianceVersion: markers.appliance }],
    dataConverter,
  });
  try {
    const handle = await temporal.client.workflow.start('pingSite', { taskQueue: workers.centralTaskQueue, workflowId: uniqueName('codec-ping'), args: [siteId] });
    const result = (await handle.result()) as { site: { applianceVersion: string }; central: { centralVersion: string } };
    return { temporal, workflowId: handle.workflowId, markers, result };
  } finally {
    await workers.stop();
  }
}

/** The history exactly as the server stores it: fetched through the raw gRPC service, no codec involved. */
async function rawHistory(temporal: TemporalTestConnections, workflowId: string) {
  const response = await temporal.client.workflowService.getWorkflowExecutionHistory({ namespace: temporal.namespace, execution: { workflowId } });
  return response.history!;
}

function payloadsIn(value: unknown, out: proto.temporal.api.common.v1.IPayload[] = []) {
  if (value === null || typeof value !== 'object') return out;
  const v = value as Record<string, unknown>;
  if (v.metadata && typeof v.metadata === 'object' && 'data' in v) out.push(v as proto.temporal.api.common.v1.IPayload);
  else for (const child of Object.values(v)) payloadsIn(child, out);
  return out;
}

describe('payload codec against the real Temporal server', () => {
  let first: Awaited<ReturnType<typeof pingOnce>>;

  beforeAll(async () => {
    first = await pingOnce(payloadDataConverter([octoberKey]));
  });

  afterAll(async () => {
    await first?.temporal.close();
  });

  it('Temporal stores ciphertext only: no marker in the raw history, every payload encrypted under the key id', async () => {
    expect(first.result.site.applianceVersion).toBe(first.markers.appliance);
    const history = await rawHistory(first.temporal, first.workflowId);
    const bytes = Buffer.from(History.encode(history).finish());
    expect(bytes.includes(first.markers.appliance)).toBe(false);
    expect(bytes.includes(first.markers.central)).toBe(false);
    const payloads = payloadsIn(history.events);
    expect(payloads.length).toBeGreaterThanOrEqual(4); // workflow input and result, two activity inputs/results
    for (const p of payloads) {
      expect(Buffer.from(p.metadata!.encoding!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(p.metadata!['encryption-key-id']!).toString()).toBe(octoberKey.id);
    }
  });

  it('after rotation: new runs use the new key, the old history still decodes and replays, and dropping the old key is a clear error', async () => {
    const rotated = payloadDataConverter([novemberKey, octoberKey]);
    const second = await pingOnce(rotated);
    try {
      const newPayloads = payloadsIn((await rawHistory(second.temporal, second.workflowId)).events);
      expect(new Set(newPayloads.map((p) => Buffer.from(p.metadata!['encryption-key-id']!).toString()))).toEqual(new Set([novemberKey.id]));

      // The rotated client reads the result written under the old key.
      const old = second.temporal.client.workflow.getHandle(first.workflowId);
      expect(((await old.result()) as { site: { applianceVersion: string } }).site.applianceVersion).toBe(first.markers.appliance);

      const history = await rawHistory(first.temporal, first.workflowId);
      const bundle = { codePath: inject('workflowBundlePath') };
      await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: rotated }, history, first.workflowId);
      // Without the old key the replay cannot decode the history (the replay error itself is
      // encrypted by the failure converter, so the reason is checked on the codec directly).
      const novemberOnly = payloadDataConverter([novemberKey]);
      await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: novemberOnly }, history, first.workflowId)).rejects.toThrow(/Replay failed/);
      await expect(novemberOnly.payloadCodecs![0]!.decode(payloadsIn(history.events))).rejects.toThrow(
        /encrypted with key "codec-test-2026-10", which is not in CUSTOS_PAYLOAD_KEYS/,
      );
    } finally {
      await second.temporal.close();
    }
  });
});
