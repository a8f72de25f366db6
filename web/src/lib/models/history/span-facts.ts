import type { Span } from './group-spans.js';
import type { WorkflowEvent } from './to-events.js';

/** A span in compliance words: what ran, on what, who acted, how it ended — no JSON reading needed. */
export interface SpanFacts {
  title: string;
  /** Runbook, host, tier… found in the span's input, as label/value pairs. */
  subject: { label: string; value: string }[];
  outcome: string;
  /** Temporal client identity that caused the span (updates, signals, workflow start). */
  actor?: string;
  attempts?: number;
  failure?: { type?: string; message: string };
}

type Attrs = Record<string, unknown>;

export function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** The keys of an input object worth showing, in the order a reader wants them. */
const SUBJECT_KEYS: [string, string][] = [
  ['runbookId', 'runbook'],
  ['runbookVersion', 'runbook version'],
  ['checkId', 'check'],
  ['hostId', 'host'],
  ['hostname', 'host name'],
  ['siteId', 'site'],
  ['tier', 'tier'],
  ['findingId', 'finding'],
];

export function subjectOf(input: unknown): { label: string; value: string }[] {
  const first = Array.isArray(input) ? input[0] : input;
  const out: { label: string; value: string }[] = [];
  if (typeof first === 'string') return [{ label: 'argument', value: first }];
  if (first === null || typeof first !== 'object') return out;
  const source = (at(first, 'plan') as Attrs | undefined) ?? (first as Attrs);
  for (const [key, label] of SUBJECT_KEYS) {
    const v = text(source[key]) ?? text((first as Attrs)[key]);
    if (v !== undefined) out.push({ label, value: v });
  }
  return out;
}

export function failureOf(attrs: Attrs): { type?: string; message: string } | undefined {
  const f = attrs['failure'] ?? at(attrs, 'outcome', 'failure');
  if (!f || typeof f !== 'object') return undefined;
  // With encodeCommonAttributes the message travels (encrypted) in encodedAttributes, decoded by now.
  const messageOf = (x: unknown) => text(at(x, 'encodedAttributes', 'message')) ?? text(at(x, 'message'));
  const message = messageOf(f) ?? 'failed';
  const type = text(at(f, 'applicationFailureInfo', 'type')) ?? text(at(f, 'cause', 'applicationFailureInfo', 'type'));
  const cause = messageOf(at(f, 'cause'));
  return { ...(type && { type }), message: cause && cause !== message ? `${message}: ${cause}` : message };
}

/** `"300s"` / `"1.5s"` (protobuf Duration JSON) → milliseconds. */
export function durationMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(v);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 59.5) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  if (m < 60) return `${m} min ${whole % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const last = (span: Span, type: string): WorkflowEvent | undefined => span.events.findLast((e) => e.type === type);
const first = (span: Span, type: string): WorkflowEvent | undefined => span.events.find((e) => e.type === type);

function outcomeWords(span: Span): string {
  switch (span.status) {
    case 'running':
      return 'in progress';
    case 'timed-out':
      return 'timed out';
    case 'continued':
      return 'continued as new';
    default:
      return span.status;
  }
}

function attemptOf(e: WorkflowEvent): number {
  const a = e.attributes['attempt'] ?? at(e.attributes, 'details', 'data', 0, 'attempt');
  return typeof a === 'number' && a > 0 ? a : 1;
}

function activityFacts(span: Span): SpanFacts {
  const scheduled = span.events[0]!;
  const attempts = Math.max(1, ...span.events.map(attemptOf));
  const closing = span.events[span.events.length - 1]!;
  const failure = span.status === 'completed' ? undefined : failureOf(closing.attributes);
  const took = span.pending ? '' : ` in ${formatDuration(span.end - span.start)}`;
  return {
    title: `${span.category === 'local-activity' ? 'Local activity' : 'Activity'} ${span.name}`,
    subject: subjectOf(scheduled.attributes['input']),
    outcome: `${outcomeWords(span)}${took}${attempts > 1 ? ` after ${attempts} attempts` : ''}${failure ? `: ${failure.type ? `${failure.type} — ` : ''}${failure.message}` : ''}`,
    attempts,
    ...(failure && { failure }),
  };
}

function updateFacts(span: Span): SpanFacts {
  const accepted = first(span, 'WorkflowExecutionUpdateAccepted') ?? span.events[0]!;
  const completed = last(span, 'WorkflowExecutionUpdateCompleted');
  const args = at(accepted.attributes, 'acceptedRequest', 'input', 'args');
  const arg = Array.isArray(args) ? args[0] : undefined;
  const actor = text(at(accepted.attributes, 'acceptedRequest', 'meta', 'identity'));
  const subject = subjectOf(arg);
  const decision = text(at(arg, 'decision'));
  if (decision) {
    subject.unshift({ label: 'decision', value: decision });
    const approver = text(at(arg, 'approver', 'displayName'));
    if (approver) subject.push({ label: 'approver', value: approver });
    const reason = text(at(arg, 'reason'));
    if (reason) subject.push({ label: 'reason', value: reason });
  }
  const failure = completed ? failureOf(completed.attributes) : undefined;
  return {
    title: decision ? `Approval decision (${span.name})` : `Update ${span.name}`,
    subject,
    outcome: completed ? (failure ? `failed: ${failure.message}` : 'accepted and completed') : 'accepted, in progress',
    ...(actor && { actor }),
    ...(failure && { failure }),
  };
}

function workflowFacts(span: Span): SpanFacts {
  const started = span.events[0]!;
  const closing = span.events.length > 1 ? span.events[span.events.length - 1]! : undefined;
  const failure = closing && span.status !== 'completed' ? failureOf(closing.attributes) : undefined;
  const actor = text(started.attributes['identity']);
  return {
    title: `Workflow ${span.name}`,
    subject: subjectOf(started.attributes['input']),
    outcome: `${outcomeWords(span)}${span.pending ? '' : ` after ${formatDuration(span.end - span.start)}`}${failure ? `: ${failure.message}` : ''}`,
    ...(actor && { actor }),
    ...(failure && { failure }),
  };
}

/** The facts of one span, by category. */
export function spanFacts(span: Span): SpanFacts {
  const head = span.events[0]!;
  switch (span.category) {
    case 'activity':
    case 'local-activity':
      return activityFacts(span);
    case 'update':
      return updateFacts(span);
    case 'workflow':
      return workflowFacts(span);
    case 'timer': {
      const ms = durationMs(head.attributes['startToFireTimeout']);
      return { title: `Timer${ms === undefined ? '' : ` of ${formatDuration(ms)}`}`, subject: [], outcome: outcomeWords(span) };
    }
    case 'signal': {
      const actor = text(head.attributes['identity']);
      return { title: `Signal ${span.name}`, subject: subjectOf(head.attributes['input']), outcome: outcomeWords(span), ...(actor && { actor }) };
    }
    case 'child-workflow': {
      const childId = text(at(span.events.find((e) => e.type === 'ChildWorkflowExecutionStarted')?.attributes, 'workflowExecution', 'workflowId'));
      return {
        title: `Child workflow ${span.name}`,
        subject: [...(childId ? [{ label: 'workflow id', value: childId }] : []), ...subjectOf(head.attributes['input'])],
        outcome: outcomeWords(span),
      };
    }
    case 'marker':
      return { title: span.name.startsWith('patch ') ? `Code-version marker (${span.name})` : `Marker ${span.name}`, subject: [], outcome: 'recorded' };
    case 'workflow-task':
      return { title: 'Workflow task', subject: [], outcome: outcomeWords(span) };
    default:
      return { title: head.type.replace(/([a-z])([A-Z])/g, '$1 $2'), subject: [], outcome: outcomeWords(span) };
  }
}
