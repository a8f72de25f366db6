import type { Span } from './group-spans.js';
import { packSpanRows } from './packed-span-rows.js';
import { matchesFilter, toSpanRow, type SpanFilter } from './span-rows.js';

const MAX_FILTERS_KEPT = 16;

/**
 * The spans `filter` lets through, as rows packed for the history page, as JSON text: the browser
 * parses JSON faster than the same data as a script literal. With a `kept` map (one per closed run,
 * whose spans never change) the text is built once per filter, so reloading a 5,000-event history
 * does not rebuild 1,500 rows.
 */
export function packedRowsJson(spans: readonly Span[], filter: SpanFilter, kept?: Map<string, string>): string {
  const key = JSON.stringify([[...filter.categories].sort(), filter.status, filter.showWorkflowTasks]);
  let json = kept?.get(key);
  if (json === undefined) {
    json = JSON.stringify(packSpanRows(spans.filter((s) => matchesFilter(s, filter)).map(toSpanRow)));
    if (kept) {
      if (kept.size >= MAX_FILTERS_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(key, json);
    }
  }
  return json;
}
