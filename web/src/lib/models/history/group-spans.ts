import { idOf, type EventCategory } from './event-types.js';
import type { WorkflowEvent } from './to-events.js';

export type SpanStatus =
  | 'running'
  | 'completed'
  | 'failed'
  | 'timed-out'
  | 'canceled'
  | 'terminated'
  | 'fired'
  | 'signaled'
  | 'continued'
  | 'recorded'
  | 'other';

/** One thing the workflow did — an activity with its attempts, a timer, an update — and its events. */
export interface Span {
  /** Id of the event that opened the span (the group head). */
  id: number;
  category: EventCategory;
  /** Activity type, timer id, signal or update name, child workflow type, marker name. */
  name: string;
  events: WorkflowEvent[];
  start: number;
  end: number;
  status: SpanStatus;
  /** Still open: no closing event yet (a running activity, an unfired timer, an update in progress). */
  pending: boolean;
}

/** For each member event type, the attribute naming its group head (as the Temporal UI links them). */
const HEAD_REF: Record<string, string> = {
  ActivityTaskStarted: 'scheduledEventId',
  ActivityTaskCompleted: 'scheduledEventId',
  ActivityTaskFailed: 'scheduledEventId',
  ActivityTaskTimedOut: 'scheduledEventId',
  ActivityTaskCanceled: 'scheduledEventId',
  ActivityTaskCancelRequested: 'scheduledEventId',
  TimerFired: 'startedEventId',
  TimerCanceled: 'startedEventId',
  StartChildWorkflowExecutionFailed: 'initiatedEventId',
  ChildWorkflowExecutionStarted: 'initiatedEventId',
  ChildWorkflowExecutionCompleted: 'initiatedEventId',
  ChildWorkflowExecutionFailed: 'initiatedEventId',
  ChildWorkflowExecutionCanceled: 'initiatedEventId',
  ChildWorkflowExecutionTimedOut: 'initiatedEventId',
  ChildWorkflowExecutionTerminated: 'initiatedEventId',
  SignalExternalWorkflowExecutionFailed: 'initiatedEventId',
  ExternalWorkflowExecutionSignaled: 'initiatedEventId',
  RequestCancelExternalWorkflowExecutionFailed: 'initiatedEventId',
  ExternalWorkflowExecutionCancelRequested: 'initiatedEventId',
  WorkflowExecutionUpdateCompleted: 'acceptedEventId',
  WorkflowTaskStarted: 'scheduledEventId',
  WorkflowTaskCompleted: 'scheduledEventId',
  WorkflowTaskFailed: 'scheduledEventId',
  WorkflowTaskTimedOut: 'scheduledEventId',
  NexusOperationStarted: 'scheduledEventId',
  NexusOperationCompleted: 'scheduledEventId',
  NexusOperationFailed: 'scheduledEventId',
  NexusOperationCanceled: 'scheduledEventId',
  NexusOperationTimedOut: 'scheduledEventId',
  NexusOperationCancelRequested: 'scheduledEventId',
};

/** Events that close the workflow itself; they join the span opened by WorkflowExecutionStarted. */
const WORKFLOW_LIFECYCLE = new Set([
  'WorkflowExecutionStarted',
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionContinuedAsNew',
  'WorkflowExecutionCancelRequested',
]);

const CLOSING: Record<string, SpanStatus> = {
  Completed: 'completed',
  Failed: 'failed',
  TimedOut: 'timed-out',
  Canceled: 'canceled',
  Terminated: 'terminated',
  Fired: 'fired',
  Signaled: 'signaled',
  ContinuedAsNew: 'continued',
  Recorded: 'recorded',
};

function nested(attrs: unknown, ...path: string[]): unknown {
  let v: unknown = attrs;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
export const PATCH_MARKER = 'core_patch';

const firstOf = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

function spanName(head: WorkflowEvent): string {
  const a = head.attributes;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  switch (head.category) {
    case 'activity':
      return str(nested(a, 'activityType', 'name')) ?? 'activity';
    case 'timer':
      return `timer ${str(a['timerId']) ?? head.id}`;
    case 'child-workflow':
      return str(nested(a, 'workflowType', 'name')) ?? 'child workflow';
    case 'signal':
      return str(a['signalName']) ?? 'signal';
    case 'update':
      return str(nested(a, 'acceptedRequest', 'input', 'name')) ?? str(nested(a, 'request', 'input', 'name')) ?? 'update';
    case 'marker': {
      const marker = str(a['markerName']) ?? 'marker';
      // Local activities are recorded as markers whose `data` names the activity (as the Temporal UI shows them).
      if (marker === LOCAL_ACTIVITY_MARKER) return str(nested(firstOf(nested(a, 'details', 'data')), 'activity_type')) ?? 'local activity';
      if (marker === PATCH_MARKER) return `patch ${str(nested(firstOf(nested(a, 'details', 'patch_data')), 'id')) ?? '?'}`;
      return marker;
    }
    case 'workflow':
      return str(nested(a, 'workflowType', 'name')) ?? head.type;
    case 'workflow-task':
      return 'workflow task';
    case 'nexus':
      return str(a['operation']) ?? 'nexus operation';
    default:
      return head.type;
  }
}

function statusOf(span: Span): { status: SpanStatus; pending: boolean } {
  const last = span.events[span.events.length - 1]!;
  if (span.category === 'local-activity') return { status: last.attributes['failure'] ? 'failed' : 'completed', pending: false };
  if (span.category === 'update' && last.type === 'WorkflowExecutionUpdateCompleted') {
    return { status: nested(last.attributes, 'outcome', 'failure') ? 'failed' : 'completed', pending: false };
  }
  const closed = CLOSING[last.classification];
  if (closed) return { status: closed, pending: false };
  // A lone event of a kind that has no closing event is complete in itself.
  if (span.category === 'other' || span.category === 'marker') return { status: 'other', pending: false };
  return { status: 'running', pending: true };
}

/**
 * Groups events into spans in one pass (O(n), a map from head id to span). A member whose head is
 * missing — a history page that starts mid-way — becomes a span of its own rather than vanishing.
 */
export function groupSpans(events: readonly WorkflowEvent[]): Span[] {
  const byHead = new Map<number, Span>();
  const spans: Span[] = [];
  let workflowSpan: Span | undefined;
  for (const e of events) {
    let headId: number | undefined;
    if (WORKFLOW_LIFECYCLE.has(e.type)) headId = workflowSpan?.id;
    else {
      const ref = HEAD_REF[e.type];
      if (ref) headId = idOf(e.attributes[ref]);
    }
    const span = headId === undefined ? undefined : byHead.get(headId);
    if (span) {
      span.events.push(e);
      span.end = e.time;
      continue;
    }
    const category = e.type === 'MarkerRecorded' && e.attributes['markerName'] === LOCAL_ACTIVITY_MARKER ? 'local-activity' : e.category;
    const created: Span = { id: e.id, category, name: spanName(e), events: [e], start: e.time, end: e.time, status: 'running', pending: true };
    byHead.set(e.id, created);
    spans.push(created);
    if (e.type === 'WorkflowExecutionStarted') workflowSpan = created;
  }
  for (const s of spans) Object.assign(s, statusOf(s));
  return spans;
}
