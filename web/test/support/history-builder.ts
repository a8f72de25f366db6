/**
 * Builds workflow histories in the JSON form Temporal's history API returns (the same shape as the
 * replay fixtures), for unit tests of the history model and for the benchmark's 5,000-event run.
 * Each workflow task is Scheduled/Started/Completed; commands point at the task that issued them.
 */
import type { RawHistory, RawHistoryEvent } from '../../src/lib/models/history/event-types.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
export const jsonPayload = (value: unknown) => ({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });
const payloads = (values: unknown[]) => ({ payloads: values.map(jsonPayload) });

function attrsKey(type: string): string {
  const readable = type
    .slice('EVENT_TYPE_'.length)
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  return `${readable}EventAttributes`;
}

export interface ActivitySpec {
  input?: unknown[];
  result?: unknown;
  /** Failures before the last attempt are retries; with `fail`, the last attempt fails too. */
  attempts?: number;
  fail?: { message: string; type?: string };
  /** Leave it scheduled and started, with no closing event. */
  pending?: boolean;
}

export class HistoryBuilder {
  private readonly events: RawHistoryEvent[] = [];
  private time: number;
  private lastTaskCompleted = 0;

  constructor(
    readonly workflowType: string,
    opts: { input?: unknown[]; identity?: string; start?: Date; stepMs?: number; taskQueue?: string } = {},
  ) {
    this.time = (opts.start ?? new Date('2026-11-26T10:00:00.000Z')).getTime();
    this.stepMs = opts.stepMs ?? 10;
    this.add('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', {
      workflowType: { name: workflowType },
      taskQueue: { name: opts.taskQueue ?? 'central', kind: 'TASK_QUEUE_KIND_NORMAL' },
      input: payloads(opts.input ?? []),
      identity: opts.identity ?? 'custos-test',
      attempt: 1,
    });
    this.workflowTask();
  }

  private readonly stepMs: number;

  get size(): number {
    return this.events.length;
  }

  private add(eventType: string, attributes: Record<string, unknown>): number {
    const eventId = this.events.length + 1;
    this.time += this.stepMs;
    this.events.push({ eventId: String(eventId), eventTime: new Date(this.time).toISOString(), eventType, [attrsKey(eventType)]: attributes });
    return eventId;
  }

  workflowTask(): this {
    const scheduled = this.add('EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', { taskQueue: { name: 'central' }, startToCloseTimeout: '10s', attempt: 1 });
    const started = this.add('EVENT_TYPE_WORKFLOW_TASK_STARTED', { scheduledEventId: String(scheduled), identity: 'worker@test' });
    this.lastTaskCompleted = this.add('EVENT_TYPE_WORKFLOW_TASK_COMPLETED', { scheduledEventId: String(scheduled), startedEventId: String(started), identity: 'worker@test' });
    return this;
  }

  /** Schedules activities in one workflow task and completes them; returns their scheduled event ids. */
  activities(specs: { type: string; spec?: ActivitySpec }[]): number[] {
    const ids = specs.map(({ type, spec }, i) =>
      this.add('EVENT_TYPE_ACTIVITY_TASK_SCHEDULED', {
        activityId: String(this.events.length + i + 1),
        activityType: { name: type },
        taskQueue: { name: 'central' },
        input: payloads(spec?.input ?? []),
        workflowTaskCompletedEventId: String(this.lastTaskCompleted),
        startToCloseTimeout: '30s',
      }),
    );
    specs.forEach(({ spec }, i) => {
      const scheduledEventId = String(ids[i]);
      const attempts = spec?.attempts ?? 1;
      const started = this.add('EVENT_TYPE_ACTIVITY_TASK_STARTED', { scheduledEventId, identity: 'worker@test', attempt: attempts });
      if (spec?.pending) return;
      if (spec?.fail) {
        this.add('EVENT_TYPE_ACTIVITY_TASK_FAILED', {
          scheduledEventId,
          startedEventId: String(started),
          failure: { message: spec.fail.message, applicationFailureInfo: { type: spec.fail.type ?? 'Error', nonRetryable: true } },
          retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE',
        });
      } else {
        this.add('EVENT_TYPE_ACTIVITY_TASK_COMPLETED', { scheduledEventId, startedEventId: String(started), result: payloads([spec?.result ?? null]) });
      }
    });
    if (specs.some((s) => !s.spec?.pending)) this.workflowTask();
    return ids;
  }

  activity(type: string, spec: ActivitySpec = {}): this {
    this.activities([{ type, spec }]);
    return this;
  }

  timer(seconds: number, opts: { fired?: boolean } = {}): this {
    const started = this.add('EVENT_TYPE_TIMER_STARTED', { timerId: String(this.events.length + 1), startToFireTimeout: `${seconds}s`, workflowTaskCompletedEventId: String(this.lastTaskCompleted) });
    if (opts.fired !== false) {
      this.add('EVENT_TYPE_TIMER_FIRED', { timerId: String(started), startedEventId: String(started) });
      this.workflowTask();
    }
    return this;
  }

  signal(name: string, input: unknown[], identity = 'custos-user:signaller'): this {
    this.add('EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED', { signalName: name, input: payloads(input), identity });
    return this.workflowTask();
  }

  /** An accepted Update (the validator passed) and, unless pending, its completion. */
  update(name: string, args: unknown[], opts: { identity?: string; result?: unknown; failure?: string; pending?: boolean } = {}): this {
    const accepted = this.add('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED', {
      protocolInstanceId: `upd-${this.events.length}`,
      acceptedRequestMessageId: `upd-${this.events.length}/request`,
      acceptedRequestSequencingEventId: String(this.events.length - 1),
      acceptedRequest: { meta: { updateId: `upd-${this.events.length}`, identity: opts.identity ?? 'custos-user:approver' }, input: { name, args: payloads(args) } },
    });
    if (opts.pending) return this;
    this.add('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED', {
      meta: { updateId: `upd-${accepted}` },
      acceptedEventId: String(accepted),
      outcome: opts.failure ? { failure: { message: opts.failure } } : { success: payloads([opts.result ?? null]) },
    });
    return this.workflowTask();
  }

  child(workflowType: string, childWorkflowId: string, opts: { input?: unknown[]; result?: unknown } = {}): this {
    const initiated = this.add('EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED', {
      workflowId: childWorkflowId,
      workflowType: { name: workflowType },
      input: payloads(opts.input ?? []),
      workflowTaskCompletedEventId: String(this.lastTaskCompleted),
    });
    const execution = { workflowId: childWorkflowId, runId: '00000000-0000-4000-8000-00000000c41d' };
    const started = this.add('EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED', { initiatedEventId: String(initiated), workflowExecution: execution, workflowType: { name: workflowType } });
    this.add('EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED', { initiatedEventId: String(initiated), startedEventId: String(started), workflowExecution: execution, result: payloads([opts.result ?? null]) });
    return this.workflowTask();
  }

  /** Any event, for shapes the helpers above do not build. */
  rawEvent(eventType: string, attributes: Record<string, unknown>): this {
    this.add(eventType, attributes);
    return this;
  }

  marker(name: string): this {
    this.add('EVENT_TYPE_MARKER_RECORDED', { markerName: name, details: {}, workflowTaskCompletedEventId: String(this.lastTaskCompleted) });
    return this;
  }

  complete(result: unknown = null): RawHistory {
    this.add('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', { result: payloads([result]), workflowTaskCompletedEventId: String(this.lastTaskCompleted) });
    return this.build();
  }

  fail(message: string, type = 'Error'): RawHistory {
    this.add('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED', { failure: { message, applicationFailureInfo: { type } }, workflowTaskCompletedEventId: String(this.lastTaskCompleted) });
    return this.build();
  }

  build(): RawHistory {
    return { events: this.events.map((e) => ({ ...e })) };
  }
}

/**
 * A scan-like history of about `targetEvents` events: batches of check activities (a few retried,
 * one failed per batch), timers between batches and an approval decision at the end.
 */
export function largeHistory(targetEvents: number): RawHistory {
  const h = new HistoryBuilder('scanSite', { input: [{ siteId: 'site-bench', trigger: 'schedule' }] });
  // Leave room for the decision (5 events) and the close; markers fill the rest exactly.
  for (let batch = 0; ; batch++) {
    const room = targetEvents - 12 - h.size;
    const n = Math.min(20, Math.floor((room - 3) / 3));
    if (n < 1) break;
    const specs = Array.from({ length: n }, (_, i) => ({
      type: 'runCheck',
      spec: {
        input: [{ siteId: 'site-bench', hostId: `host-${(batch * 20 + i) % 200}`, runbookId: `RB-WIN-${String(i % 12).padStart(3, '0')}` }],
        result: { passed: i % 7 !== 0, observed: { value: i } },
        attempts: i % 9 === 0 ? 2 : 1,
        ...(i === 13 && { fail: { message: 'host did not answer', type: 'HostUnreachable' } }),
      },
    }));
    h.activities(specs);
    if (batch % 5 === 4 && room > 100) h.timer(1);
  }
  h.update('decide', [{ decision: 'approve', planSha256: 'a'.repeat(64), reason: 'patch window agreed', approver: { userId: 'u-1', displayName: 'Alice Approver' } }], {
    identity: 'custos-user:u-1',
    result: { decision: 'approve' },
  });
  while (h.size < targetEvents - 1) h.marker('progress');
  return h.complete({ hosts: 200 });
}

/** A local activity as the TypeScript SDK records it: a `core_local_activity` marker with its data and result. */
export function withLocalActivity(h: HistoryBuilder, activityType: string, opts: { attempt?: number; result?: unknown; failure?: string } = {}): HistoryBuilder {
  const details = {
    data: { payloads: [jsonPayload({ seq: 1, attempt: opts.attempt ?? 1, activity_id: '1', activity_type: activityType })] },
    ...(opts.failure ? {} : { result: { payloads: [jsonPayload(opts.result ?? null)] } }),
  };
  return h.rawEvent('EVENT_TYPE_MARKER_RECORDED', { markerName: 'core_local_activity', details, ...(opts.failure && { failure: { message: opts.failure } }) });
}
