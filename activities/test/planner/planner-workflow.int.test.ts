import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { connectTemporal, uniqueName, type TemporalTestConnections } from '@custos/testkit';
import { createPlannerActivities, type L2PlanOutcome } from '../../src/central/planner/index.js';
import { PLANTED_PHI, plannerWorld, serviceFinding, validReply, type PlannerWorld } from './planner-world.js';

let w: PlannerWorld;
let temporal: TemporalTestConnections;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueName('planner-probe');

beforeAll(async () => {
  w = await plannerWorld('planner_wf');
  temporal = await connectTemporal('planner-test');
  worker = await Worker.create({
    connection: temporal.workerConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/planner-probe.workflow.ts', import.meta.url)),
    activities: createPlannerActivities(w.deps()),
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

describe('planL2 inside a workflow', () => {
  it('rides out a 503 with a Temporal retry and freezes the scrubbed exchange in (encrypted) history', async () => {
    w.llm.script({ name: 'outage', reply: { kind: 'http-error', status: 503, message: 'overloaded' } }, { name: 'plan', reply: validReply() });
    const workflowId = uniqueName('planner-probe');
    const handle = await temporal.client.workflow.start('plannerProbe', { taskQueue, workflowId, args: [serviceFinding({ healId: workflowId })], workflowExecutionTimeout: '2 minutes' });
    const outcome = (await handle.result()) as L2PlanOutcome;
    expect(outcome.kind).toBe('plan');
    expect(outcome.kind === 'plan' && outcome.exchange.attempt).toBe(2);

    // Decoded history: the completed activity's result is the exchange, request and response included.
    const history = await handle.fetchHistory();
    const completed = history.events!.find((e) => e.activityTaskCompletedEventAttributes)!.activityTaskCompletedEventAttributes!;
    const [result] = await temporal.dataConverter.payloadCodecs![0]!.decode(completed.result!.payloads!);
    const recorded = JSON.parse(Buffer.from(result!.data!).toString('utf8')) as Extract<L2PlanOutcome, { kind: 'plan' }>;
    expect(recorded.exchange.request).toEqual(w.llm.requests.at(-1)!.body);
    expect(JSON.stringify(recorded.exchange.response)).toContain('RB-WIN-SVC-001 starts it');
    for (const phi of PLANTED_PHI) expect(JSON.stringify(recorded)).not.toContain(phi);

    // Raw history as stored: encrypted, so not even the scrubbed exchange is readable there.
    const raw = await temporal.client.workflowService.getWorkflowExecutionHistory({ namespace: temporal.namespace, execution: { workflowId } });
    const bytes = Buffer.from(proto.temporal.api.history.v1.History.encode(raw.history!).finish());
    expect(bytes.includes('RB-WIN-SVC-001 starts it')).toBe(false);
    expect(bytes.includes('WinDefend')).toBe(false);
  });
});
