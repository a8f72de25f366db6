import type { EventCategory } from './event-types.js';
import type { Span, SpanStatus } from './group-spans.js';
import { spanFacts, type SpanFacts } from './span-facts.js';

/**
 * What the timeline needs per event: where its dot goes. No type and no attributes (those load on
 * demand, decoded, per span): a 5,000-event run's page data is parsed before it can hydrate.
 */
export interface EventRow {
  id: number;
  time: number;
}

export interface SpanRow extends SpanFacts {
  id: number;
  category: EventCategory;
  name: string;
  status: SpanStatus;
  pending: boolean;
  start: number;
  end: number;
  events: EventRow[];
}

export const SPAN_FILTER_CATEGORIES = ['workflow', 'activity', 'timer', 'signal', 'update', 'child-workflow', 'marker', 'other'] as const;
export type SpanFilterCategory = (typeof SPAN_FILTER_CATEGORIES)[number];

export interface SpanFilter {
  /** Empty: every category. */
  categories: readonly SpanFilterCategory[];
  status: 'all' | 'failed' | 'pending';
  /** Workflow tasks are plumbing; hidden unless asked for. */
  showWorkflowTasks: boolean;
}

const FAILED: ReadonlySet<SpanStatus> = new Set(['failed', 'timed-out', 'terminated', 'canceled']);

export function matchesFilter(span: Span, f: SpanFilter): boolean {
  if (span.category === 'workflow-task') return f.showWorkflowTasks && (f.status === 'all' || (f.status === 'failed' ? FAILED.has(span.status) : span.pending));
  const cat: SpanFilterCategory = span.category === 'local-activity' ? 'activity' : span.category === 'nexus' ? 'other' : span.category;
  if (f.categories.length > 0 && !f.categories.includes(cat)) return false;
  if (f.status === 'failed') return FAILED.has(span.status);
  if (f.status === 'pending') return span.pending;
  return true;
}

export function toSpanRow(span: Span): SpanRow {
  return {
    ...spanFacts(span),
    id: span.id,
    category: span.category,
    name: span.name,
    status: span.status,
    pending: span.pending,
    start: span.start,
    end: span.end,
    events: span.events.map((e) => ({ id: e.id, time: e.time })),
  };
}
