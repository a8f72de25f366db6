import { describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import { notAllowed, RULES, stampedIdentity, type ApplianceCaller } from './policy.js';
import { decodeRequest, durationMs, withStringField, WORKFLOW_SERVICE_METHODS } from './wire.js';

const caller: ApplianceCaller = { applianceId: 'a1', partnerId: 'p', clientId: 'c', siteId: 'site-a' };
const ctx = { namespace: 'custos' };
const check = (method: string, req: Record<string, unknown>) => RULES[method]!.check(req, caller, ctx);

describe('gateway policy', () => {
  it('allows only the calls an activity worker needs', () => {
    expect(Object.keys(RULES).sort()).toEqual([
      'DescribeNamespace', 'GetSystemInfo', 'PollActivityTaskQueue', 'RecordActivityTaskHeartbeat', 'RecordWorkerHeartbeat',
      'RespondActivityTaskCanceled', 'RespondActivityTaskCompleted', 'RespondActivityTaskFailed', 'ShutdownWorker',
    ]);
    for (const method of Object.keys(RULES)) expect(WORKFLOW_SERVICE_METHODS).toContain(method);
    expect(WORKFLOW_SERVICE_METHODS).toContain('StartWorkflowExecution');
    expect(notAllowed('SignalWorkflowExecution')).toMatch(/^SignalWorkflowExecution is not allowed for appliances/);
  });

  it('lets an appliance poll its own site queue only', () => {
    expect(check('PollActivityTaskQueue', { namespace: 'custos', taskQueue: { name: 'site.site-a', kind: 1 } })).toBeUndefined();
    expect(check('PollActivityTaskQueue', { namespace: 'custos', taskQueue: { name: 'site.site-b', kind: 1 } })).toMatch(/may poll only site.site-a/);
    expect(check('PollActivityTaskQueue', { namespace: 'other', taskQueue: { name: 'site.site-a' } })).toMatch(/namespace "other"/);
    expect(check('PollActivityTaskQueue', { namespace: 'custos', taskQueue: { name: 'site.site-a', kind: 2 } })).toMatch(/only normal task queues/);
    expect(check('PollActivityTaskQueue', { namespace: 'custos', taskQueue: { name: 'site.site-a' }, workerControlTaskQueue: 'x' })).toMatch(/worker control/);
  });

  it('marks task answers for the ownership check and stamps identity fields', () => {
    for (const m of ['RespondActivityTaskCompleted', 'RespondActivityTaskFailed', 'RespondActivityTaskCanceled', 'RecordActivityTaskHeartbeat']) {
      expect(RULES[m]!.answersTask).toBe(true);
      expect(RULES[m]!.identityField).toBe(3);
    }
    expect(RULES.PollActivityTaskQueue!.answersTask).toBeUndefined();
  });

  it('keeps worker shutdown and heartbeats to the appliance’s own queue', () => {
    expect(check('ShutdownWorker', { namespace: 'custos', workerHeartbeat: { taskQueue: 'site.site-a' } })).toBeUndefined();
    expect(check('ShutdownWorker', { namespace: 'custos', stickyTaskQueue: 'sticky-1' })).toMatch(/sticky/);
    expect(check('ShutdownWorker', { namespace: 'custos', taskQueue: 'central' })).toMatch(/not this appliance's/);
    expect(check('RecordWorkerHeartbeat', { namespace: 'custos', workerHeartbeat: { taskQueue: 'site.site-b' } })).toMatch(/not this appliance's/);
    expect(check('DescribeNamespace', { namespace: 'custos', id: 'some-uuid' })).toMatch(/by name/);
  });
});

describe('gateway wire helpers', () => {
  it('overrides the identity without re-encoding the request', () => {
    const { PollActivityTaskQueueRequest } = proto.temporal.api.workflowservice.v1;
    const original = Buffer.from(PollActivityTaskQueueRequest.encode({ namespace: 'custos', taskQueue: { name: 'site.site-a' }, identity: 'claimed@host' }).finish());
    const stamped = withStringField(original, 3, stampedIdentity(caller, 'claimed@host'));
    expect(stamped.subarray(0, original.length).equals(original)).toBe(true);
    const decoded = decodeRequest<{ identity: string; namespace: string; taskQueue: { name: string } }>('PollActivityTaskQueue', stamped);
    expect(decoded.identity).toBe('appliance:a1 (claimed@host)');
    expect(decoded.taskQueue.name).toBe('site.site-a');
  });

  it('strips control characters from the claimed identity and caps it', () => {
    expect(stampedIdentity(caller, 'x\u0000\ny'.padEnd(500, 'z'))).toHaveLength('appliance:a1 ('.length + 100 + 1);
    expect(stampedIdentity(caller, '')).toBe('appliance:a1');
  });

  it('reads protobuf durations', () => {
    expect(durationMs({ seconds: 30, nanos: 5e8 })).toBe(30_500);
    expect(durationMs({ seconds: 0, nanos: 0 })).toBeUndefined();
    expect(durationMs(null)).toBeUndefined();
  });
});
