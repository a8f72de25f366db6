/**
 * Temporal history events as the JSON form of the history API gives them (`historyToJSON`, the
 * replay fixtures): `eventType` is `EVENT_TYPE_…`, ids are int64 strings, and each event carries its
 * attributes under `<camelCaseType>EventAttributes`. This file names, classifies and categorises
 * them the way the Temporal UI does, so partners see familiar spans.
 */

export interface RawHistoryEvent {
  eventId: string | number;
  eventTime?: string;
  eventType: string | number;
  [attributes: string]: unknown;
}

export interface RawHistory {
  events: RawHistoryEvent[];
}

export const CATEGORIES = ['workflow', 'workflow-task', 'activity', 'local-activity', 'timer', 'signal', 'update', 'child-workflow', 'marker', 'nexus', 'other'] as const;
export type EventCategory = (typeof CATEGORIES)[number];

/** The verb at the end of an event type: what happened to the thing the span is about. */
export const CLASSIFICATIONS = [
  'Scheduled',
  'Started',
  'Initiated',
  'Completed',
  'Failed',
  'TimedOut',
  'CancelRequested',
  'Canceled',
  'Terminated',
  'Fired',
  'Signaled',
  'Accepted',
  'Rejected',
  'Admitted',
  'Recorded',
  'ContinuedAsNew',
  'Other',
] as const;
export type EventClassification = (typeof CLASSIFICATIONS)[number];

/** `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `ActivityTaskScheduled` (readable names pass through). */
export function readableEventType(eventType: string): string {
  if (!eventType.startsWith('EVENT_TYPE_')) return eventType;
  return eventType
    .slice('EVENT_TYPE_'.length)
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** `ActivityTaskScheduled` → `activityTaskScheduledEventAttributes`, where the event keeps its attributes. */
export function attributesKey(type: string): string {
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
}

// Longest first, so `CancelRequested` wins over `Requested`-like endings and `ContinuedAsNew` over `New`.
const ORDERED = [...CLASSIFICATIONS].filter((c) => c !== 'Other').sort((a, b) => b.length - a.length);

export function classify(type: string): EventClassification {
  if (type === 'MarkerRecorded') return 'Recorded';
  if (type === 'UpsertWorkflowSearchAttributes' || type === 'WorkflowPropertiesModified') return 'Other';
  return ORDERED.find((c) => type.endsWith(c)) ?? 'Other';
}

export function categorise(type: string): EventCategory {
  if (type.startsWith('ActivityTask')) return 'activity';
  if (type.startsWith('WorkflowTask')) return 'workflow-task';
  if (type.startsWith('Timer')) return 'timer';
  if (type === 'WorkflowExecutionSignaled' || type.startsWith('SignalExternalWorkflowExecution') || type === 'ExternalWorkflowExecutionSignaled') return 'signal';
  if (type.startsWith('WorkflowExecutionUpdate')) return 'update';
  if (type.startsWith('ChildWorkflowExecution') || type.startsWith('StartChildWorkflowExecution')) return 'child-workflow';
  if (type === 'MarkerRecorded') return 'marker';
  if (type.startsWith('NexusOperation')) return 'nexus';
  if (type.startsWith('WorkflowExecution')) return 'workflow';
  return 'other';
}

/** An int64 id from the JSON form (a string) as a number; ids stay far below 2^53. */
export function idOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}
