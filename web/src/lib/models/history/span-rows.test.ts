import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from '../../../../test/support/history-builder.js';
import { groupSpans } from './group-spans.js';
import { decodePlainPayload } from './payloads.js';
import { matchesFilter, toSpanRow, type SpanFilter } from './span-rows.js';
import { toEvents } from './to-events.js';

const spans = groupSpans(
  toEvents(
    new HistoryBuilder('healFinding')
      .activity('planHeal')
      .activity('verify', { fail: { message: 'still off', type: 'VerifyFailed' } })
      .update('decide', [{ decision: 'reject', reason: 'not now' }])
      .timer(60, { fired: false })
      .build(),
    decodePlainPayload,
  ),
);
const names = (f: SpanFilter) => spans.filter((s) => matchesFilter(s, f)).map((s) => s.category === 'workflow-task' ? 'task' : s.name);
const all: SpanFilter = { categories: [], status: 'all', showWorkflowTasks: false };

describe('span filters (the URL state of the history view)', () => {
  it('hides workflow tasks unless asked', () => {
    expect(names(all)).toEqual(['healFinding', 'planHeal', 'verify', 'decide', expect.stringMatching(/^timer/)]);
    expect(names({ ...all, showWorkflowTasks: true }).filter((n) => n === 'task').length).toBeGreaterThan(2);
  });

  it('filters by category and by failed or pending', () => {
    expect(names({ ...all, categories: ['activity'] })).toEqual(['planHeal', 'verify']);
    expect(names({ ...all, categories: ['update', 'timer'] })).toEqual(['decide', expect.stringMatching(/^timer/)]);
    expect(names({ ...all, status: 'failed' })).toEqual(['verify']);
    expect(names({ ...all, status: 'pending' })).toEqual(['healFinding', expect.stringMatching(/^timer/)]);
  });

  it('turns a span into a row without its attributes', () => {
    const row = toSpanRow(spans.find((s) => s.name === 'verify')!);
    expect(row).toMatchObject({ title: 'Activity verify', status: 'failed', failure: { type: 'VerifyFailed', message: 'still off' } });
    const span = spans.find((s) => s.name === 'verify')!;
    expect(row.events).toEqual(span.events.map((e) => ({ id: e.id, time: e.time })));
    expect(row.events).toHaveLength(3);
    expect(JSON.stringify(row)).not.toContain('attributes');
  });
});
