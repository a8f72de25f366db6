import type { HistorySection } from '@custos/evidence';

// What a workflow history says about itself, read from its proto3 JSON form (the bytes that are
// stored and signed): type, times, status and the workflow code that ran it. Pure, so the same
// reading serves the exporter and `custos replay`.

export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';
}

export interface HistoryFacts {
  readonly workflowType: string;
  readonly startedAt: string;
  readonly closedAt: string;
  readonly status: HistorySection['status'];
  readonly eventCount: number;
  /** Build id the last workflow task was completed under, if the worker reported one. */
  readonly buildId?: string;
  /** SHA-256 of the workflow bundle, from an SDK default build id `…+<sha256 of the bundle code>`. */
  readonly bundleSha256?: string;
}

const CLOSE_EVENTS: Record<string, HistorySection['status']> = {
  EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: 'completed',
  EVENT_TYPE_WORKFLOW_EXECUTION_FAILED: 'failed',
  EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED: 'canceled',
  EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED: 'terminated',
  EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT: 'timed_out',
  EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW: 'continued_as_new',
};

type Json = Record<string, unknown>;

function isoOf(value: unknown, where: string): string {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new HistoryFormatError(`${where}: eventTime ${JSON.stringify(value)} is not a timestamp`);
  return new Date(t).toISOString();
}

/** The TS SDK's default build id is `@temporalio/worker@<version>+<sha256 of the bundle code>`. */
export function bundleHashOfBuildId(buildId: string): string | undefined {
  return /\+([0-9a-f]{64})$/.exec(buildId)?.[1];
}

function buildIdOf(attrs: Json | undefined): string | undefined {
  const v = attrs?.workerVersion as Json | undefined;
  const d = (attrs?.deploymentVersion ?? attrs?.workerDeploymentVersion) as Json | undefined;
  const id = v?.buildId ?? d?.buildId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function historyFacts(history: unknown): HistoryFacts {
  const events = (history as Json | null)?.events;
  if (!Array.isArray(events) || events.length === 0) throw new HistoryFormatError('history has no events array');
  const first = events[0] as Json;
  const last = events[events.length - 1] as Json;
  if (first.eventType !== 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED') throw new HistoryFormatError(`event 1 is ${String(first.eventType)}, not WorkflowExecutionStarted`);
  const status = CLOSE_EVENTS[String(last.eventType)];
  if (!status) throw new HistoryFormatError(`last event ${String(last.eventId)} is ${String(last.eventType)}: the workflow has not closed`);
  const started = first.workflowExecutionStartedEventAttributes as Json | undefined;
  const workflowType = (started?.workflowType as Json | undefined)?.name;
  if (typeof workflowType !== 'string') throw new HistoryFormatError('event 1 names no workflow type');
  let buildId: string | undefined;
  for (const e of events as Json[]) {
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED') buildId = buildIdOf(e.workflowTaskCompletedEventAttributes as Json | undefined) ?? buildId;
  }
  const bundleSha256 = buildId ? bundleHashOfBuildId(buildId) : undefined;
  return {
    workflowType,
    startedAt: isoOf(first.eventTime, 'event 1'),
    closedAt: isoOf(last.eventTime, `event ${String(last.eventId)}`),
    status,
    eventCount: events.length,
    ...(buildId ? { buildId } : {}),
    ...(bundleSha256 ? { bundleSha256 } : {}),
  };
}
