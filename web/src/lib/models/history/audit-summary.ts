import type { Span, SpanStatus } from './group-spans.js';
import { at, failureOf, spanFacts } from './span-facts.js';

export interface DecisionRecord {
  spanId: number;
  /** Temporal identity of the caller (for dashboard decisions `custos-user:<id>`). */
  identity: string | null;
  approver: string | null;
  decision: string | null;
  reason: string | null;
  planSha256: string | null;
  at: number;
  outcome: 'completed' | 'failed' | 'in progress';
}

export interface AuditSummary {
  workflowType: string;
  status: SpanStatus;
  startedAt: number | null;
  closedAt: number | null;
  startedBy: string | null;
  decisions: DecisionRecord[];
  activities: { total: number; failed: number; retried: number; running: number };
  failures: { spanId: number; name: string; type?: string; message: string }[];
  spanCount: number;
  eventCount: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function parentOf(attrs: Record<string, unknown> | undefined): string | null {
  const id = str(at(attrs, 'parentWorkflowExecution', 'workflowId'));
  return id ? `parent workflow ${id}` : null;
}

/**
 * What an auditor asks of a run first: who started it, how it ended, every decision with the
 * identity Temporal recorded, and what failed. Rejected Updates never reach history, so refusals
 * are not here: they are in the audit log.
 */
export function auditSummary(spans: readonly Span[]): AuditSummary {
  const workflow = spans.find((s) => s.category === 'workflow' && s.events[0]?.type === 'WorkflowExecutionStarted');
  const decisions: DecisionRecord[] = [];
  const failures: AuditSummary['failures'] = [];
  const activities = { total: 0, failed: 0, retried: 0, running: 0 };
  let eventCount = 0;
  for (const s of spans) {
    eventCount += s.events.length;
    if (s.category === 'activity' || s.category === 'local-activity') {
      activities.total++;
      const f = spanFacts(s);
      if (s.pending) activities.running++;
      if ((f.attempts ?? 1) > 1) activities.retried++;
      if (s.status === 'failed' || s.status === 'timed-out') {
        activities.failed++;
        failures.push({ spanId: s.id, name: s.name, ...(f.failure?.type && { type: f.failure.type }), message: f.failure?.message ?? s.status });
      }
    }
    if (s.category === 'update') {
      const accepted = s.events[0]!;
      const arg = at(accepted.attributes, 'acceptedRequest', 'input', 'args', 0);
      const completed = s.events.find((e) => e.type === 'WorkflowExecutionUpdateCompleted');
      decisions.push({
        spanId: s.id,
        identity: str(at(accepted.attributes, 'acceptedRequest', 'meta', 'identity')),
        approver: str(at(arg, 'approver', 'displayName')),
        decision: str(at(arg, 'decision')),
        reason: str(at(arg, 'reason')),
        planSha256: str(at(arg, 'planSha256')),
        at: accepted.time,
        outcome: !completed ? 'in progress' : failureOf(completed.attributes) ? 'failed' : 'completed',
      });
    }
  }
  if (workflow && workflow.status !== 'completed' && !workflow.pending) {
    const f = failureOf(workflow.events[workflow.events.length - 1]!.attributes);
    if (f) failures.push({ spanId: workflow.id, name: workflow.name, ...(f.type && { type: f.type }), message: f.message });
  }
  return {
    workflowType: workflow?.name ?? 'unknown',
    status: workflow?.status ?? 'other',
    startedAt: workflow?.start ?? null,
    closedAt: workflow && !workflow.pending ? workflow.end : null,
    // A child workflow has no client identity: its parent started it.
    startedBy: str(workflow?.events[0]?.attributes['identity']) ?? parentOf(workflow?.events[0]?.attributes),
    decisions,
    activities,
    failures,
    spanCount: spans.length,
    eventCount,
  };
}
