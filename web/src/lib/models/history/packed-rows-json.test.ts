import { describe, expect, it } from 'vitest';
import { largeHistory } from '../../../../test/support/history-builder.js';
import { groupSpans } from './group-spans.js';
import { packedRowsJson } from './packed-rows-json.js';
import { unpackSpanRows } from './packed-span-rows.js';
import { decodePlainPayload } from './payloads.js';
import { matchesFilter, toSpanRow, type SpanFilter } from './span-rows.js';
import { toEvents } from './to-events.js';

const spans = groupSpans(toEvents(largeHistory(2000), decodePlainPayload));
const all: SpanFilter = { categories: [], status: 'all', showWorkflowTasks: false };

describe('packedRowsJson (the history page rows)', () => {
  it('is the filtered rows, packed, as JSON', () => {
    for (const filter of [all, { ...all, status: 'failed' as const }, { ...all, categories: ['timer' as const, 'update' as const] }]) {
      const rows = unpackSpanRows(JSON.parse(packedRowsJson(spans, filter)));
      expect(rows).toStrictEqual(spans.filter((s) => matchesFilter(s, filter)).map(toSpanRow));
    }
    expect(unpackSpanRows(JSON.parse(packedRowsJson(spans, { ...all, status: 'failed' }))).every((r) => r.status === 'failed')).toBe(true);
  });

  it('is built once per filter for a kept run, whatever the order of the categories', () => {
    const kept = new Map<string, string>();
    const first = packedRowsJson(spans, { ...all, categories: ['activity', 'timer'] }, kept);
    expect(packedRowsJson(spans, { ...all, categories: ['timer', 'activity'] }, kept)).toBe(first);
    expect(kept.size).toBe(1);
    // A different filter is a different entry; the map stays bounded however many are asked for.
    expect(packedRowsJson(spans, { ...all, status: 'pending' }, kept)).not.toBe(first);
    for (const status of ['all', 'failed', 'pending'] as const) {
      for (const categories of [[], ['activity'], ['timer'], ['update'], ['signal'], ['marker'], ['other']] as const) packedRowsJson(spans, { categories, status, showWorkflowTasks: true }, kept);
    }
    expect(kept.size).toBe(16);
  });
});
