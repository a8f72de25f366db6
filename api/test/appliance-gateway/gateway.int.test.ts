import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import grpc from '@grpc/grpc-js';
import { Client, type Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createApplianceWorker } from '@custos/appliance-worker';
import { revokeAppliance, listAudit } from '@custos/db';
import { uniqueName } from '@custos/testkit';
import { gatewayWorld, type GatewayWorld } from './gateway-world.js';

let w: GatewayWorld;
let applianceA: Worker;
let runA: Promise<void>;
let asA: Connection;

beforeAll(async () => {
  w = await gatewayWorld();
  applianceA = await createApplianceWorker({
    connection: await w.applianceConnection(w.a.token),
    namespace: w.temporal.namespace,
    dataConverter: w.temporal.dataConverter,
    activityDeps: { siteId: w.a.siteId, applianceVersion: 'appliance-a-via-gateway' },
  });
  // After the revocation test the worker's polls are refused; its run() then ends with that error.
  runA = applianceA.run().catch(() => undefined);
  asA = await w.clientConnection(w.a.token);
}, 120_000);

afterAll(async () => {
  if (applianceA?.getState() === 'RUNNING') applianceA.shutdown();
  await runA;
  await w?.close();
});

/** The gRPC status of a failed call (the SDK's service client rejects with the ServiceError). */
async function refusal(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: number; details?: string; cause?: { code?: number; details?: string } };
    const source = typeof e.code === 'number' ? e : (e.cause ?? {});
    return { code: source.code ?? -1, details: source.details ?? String(err) };
  }
  throw new Error('expected the call to be refused');
}

const ns = () => w.temporal.namespace;

describe('appliance gateway in front of the real Temporal dev server', () => {
  it("runs site A's activities for an appliance worker connected through it, stamping the appliance in history", async () => {
    const handle = await w.temporal.client.workflow.start('pingSite', { taskQueue: w.centralTaskQueue, workflowId: uniqueName('gw-ping-a'), args: [w.a.siteId] });
    const result = (await handle.result()) as { site: { applianceVersion: string; taskQueue: string } };
    expect(result.site).toMatchObject({ applianceVersion: 'appliance-a-via-gateway', taskQueue: `site.${w.a.siteId}` });
    const history = await handle.fetchHistory();
    const started = history.events!.find((e) => e.activityTaskStartedEventAttributes)!.activityTaskStartedEventAttributes!;
    expect(started.identity).toMatch(new RegExp(`^appliance:${w.a.applianceId}`));
    // The binding of that delivered task was dropped once it was answered.
    expect(await w.db.selectFrom('gateway_task_tokens').selectAll().where('appliance_id', '=', w.a.applianceId).execute()).toEqual([]);
  });

  it("refuses to let A's credential poll site B's queue, or any other queue", async () => {
    for (const name of [`site.${w.b.siteId}`, w.centralTaskQueue, `site.${w.a.siteId}-x`]) {
      const r = await refusal(asA.workflowService.pollActivityTaskQueue({ namespace: ns(), taskQueue: { name }, identity: 'evil' }));
      expect(r.code).toBe(grpc.status.PERMISSION_DENIED);
      expect(r.details).toContain(`may poll only site.${w.a.siteId}`);
    }
    const workflowPoll = await refusal(asA.workflowService.pollWorkflowTaskQueue({ namespace: ns(), taskQueue: { name: `site.${w.a.siteId}` } }));
    expect(workflowPoll).toMatchObject({ code: grpc.status.PERMISSION_DENIED, details: expect.stringContaining('PollWorkflowTaskQueue is not allowed for appliances') });
  });

  it("refuses A completing, failing, cancelling or heartbeating a task of site B — the task stays B's", async () => {
    // A task really waiting on B's queue; the test takes its token by polling Temporal directly.
    const handle = await w.temporal.client.workflow.start('pingSite', { taskQueue: w.centralTaskQueue, workflowId: uniqueName('gw-ping-b'), args: [w.b.siteId] });
    const task = await w.temporal.client.connection.withDeadline(Date.now() + 60_000, () =>
      w.temporal.client.workflowService.pollActivityTaskQueue({ namespace: ns(), taskQueue: { name: `site.${w.b.siteId}` }, identity: 'test-harness' }),
    );
    expect(task.taskToken?.length).toBeGreaterThan(0);
    const taskToken = task.taskToken!;
    const calls = {
      completed: () => asA.workflowService.respondActivityTaskCompleted({ namespace: ns(), taskToken, identity: 'evil' }),
      failed: () => asA.workflowService.respondActivityTaskFailed({ namespace: ns(), taskToken, identity: 'evil', failure: { message: 'forged' } }),
      canceled: () => asA.workflowService.respondActivityTaskCanceled({ namespace: ns(), taskToken, identity: 'evil' }),
      heartbeat: () => asA.workflowService.recordActivityTaskHeartbeat({ namespace: ns(), taskToken, identity: 'evil' }),
      byId: () => asA.workflowService.respondActivityTaskCompletedById({ namespace: ns(), workflowId: handle.workflowId, activityId: task.activityId!, identity: 'evil' }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const r = await refusal(call());
      expect(r.code, name).toBe(grpc.status.PERMISSION_DENIED);
      expect(r.details, name).toMatch(name === 'byId' ? /not allowed for appliances/ : /not delivered to this appliance/);
    }
    // Still pending for B: the rightful answer (here from the harness) completes the workflow.
    await w.temporal.client.workflowService.respondActivityTaskFailed({ namespace: ns(), taskToken, identity: 'test-harness', failure: { message: 'done by the test', applicationFailureInfo: { type: 'InvalidInput', nonRetryable: true } } });
    await expect(handle.result()).rejects.toThrow();
  });

  it('refuses starting, signalling, querying, listing and terminating workflows', async () => {
    const client = new Client({ connection: asA, namespace: ns() });
    const start = await refusal(client.workflow.start('pingSite', { taskQueue: w.centralTaskQueue, workflowId: uniqueName('gw-evil'), args: [w.b.siteId] }));
    expect(start).toMatchObject({ code: grpc.status.PERMISSION_DENIED, details: expect.stringContaining('StartWorkflowExecution is not allowed for appliances') });
    const target = await w.temporal.client.workflow.start('pingSite', { taskQueue: w.centralTaskQueue, workflowId: uniqueName('gw-target'), args: [w.a.siteId] });
    const evilHandle = client.workflow.getHandle(target.workflowId);
    for (const [name, call] of [
      ['SignalWorkflowExecution', () => evilHandle.signal('anything')],
      ['QueryWorkflow', () => evilHandle.query('anything')],
      ['TerminateWorkflowExecution', () => evilHandle.terminate('evil')],
      ['DescribeWorkflowExecution', () => evilHandle.describe()],
      ['GetWorkflowExecutionHistory', () => evilHandle.fetchHistory()],
      ['CountWorkflowExecutions', () => client.workflow.count()],
    ] as const) {
      const r = await refusal(call());
      expect(r.code, name).toBe(grpc.status.PERMISSION_DENIED);
      expect(r.details, name).toContain(`${name} is not allowed for appliances`);
    }
    await target.result();
  });

  it('refuses a missing or unknown token and another namespace, and audits refusals with the appliance as actor', async () => {
    const anonymous = await refusal(w.rawCall('GetSystemInfo', new grpc.Metadata()));
    expect(anonymous).toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: expect.stringContaining('no appliance token') });
    const strangerMeta = new grpc.Metadata();
    strangerMeta.set('authorization', `Bearer cap_${'x'.repeat(43)}`);
    const stranger = await refusal(w.rawCall('GetSystemInfo', strangerMeta));
    expect(stranger).toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: expect.stringContaining('unknown or the appliance was revoked') });
    // The SDK's own connect check fails the same way, so a misconfigured appliance learns why at start.
    const connectError = await w.clientConnection(`cap_${'y'.repeat(43)}`).catch((err: unknown) => err as Error);
    expect(String((connectError as Error).cause ?? connectError)).toMatch(/unknown or the appliance was revoked/);
    const otherNs = await refusal(asA.workflowService.describeNamespace({ namespace: 'someone-else' }));
    expect(otherNs).toMatchObject({ code: grpc.status.PERMISSION_DENIED, details: expect.stringContaining('namespace "someone-else" is not served here') });

    const audit = await listAudit(w.db, { kind: 'platform' }, { limit: 100 });
    const mine = audit.filter((e) => e.actor_id === w.a.applianceId && e.outcome === 'refused');
    expect(mine.map((e) => e.target_id)).toEqual(expect.arrayContaining(['PollActivityTaskQueue', 'RespondActivityTaskCompleted', 'StartWorkflowExecution', 'SignalWorkflowExecution']));
    expect(audit.some((e) => e.actor_kind === 'anonymous' && e.target_id === 'GetSystemInfo')).toBe(true);
  });

  it('a revoked appliance is refused from its next call, and its worker stops getting tasks', async () => {
    const revoked = await revokeAppliance(w.db, { kind: 'platform' }, { applianceId: w.a.applianceId, by: randomUUID() });
    expect(revoked?.revoked_at).toBeInstanceOf(Date);
    const r = await refusal(asA.workflowService.getSystemInfo({}));
    expect(r).toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: expect.stringContaining('revoked') });
    // A's worker still had long polls open when it was revoked: the task one of them receives is not
    // handed over but failed back to Temporal, which schedules the retry — and nobody takes that.
    const handle = await w.temporal.client.workflow.start('pingSite', { taskQueue: w.centralTaskQueue, workflowId: uniqueName('gw-after-revoke'), args: [w.a.siteId] });
    let pending: { state?: number | null; attempt?: number | null; lastFailure?: { message?: string | null } | null } | undefined;
    for (let i = 0; i < 30 && !(pending?.attempt && pending.attempt >= 2 && pending.state === 1); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      pending = (await handle.describe()).raw.pendingActivities?.[0] ?? undefined;
    }
    expect(pending).toMatchObject({ state: 1, attempt: 2 }); // SCHEDULED again, waiting for a live appliance
    expect(pending?.lastFailure?.message).toBe('the appliance was revoked before this task reached it');
    expect((await handle.fetchHistory()).events!.some((e) => e.activityTaskCompletedEventAttributes)).toBe(false);
    await handle.terminate('test over');
  });
});
