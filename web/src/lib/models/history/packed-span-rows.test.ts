import { describe, expect, it } from 'vitest';
import { HistoryBuilder, largeHistory } from '../../../../test/support/history-builder.js';
import { groupSpans } from './group-spans.js';
import { packSpanRows, unpackSpanRows } from './packed-span-rows.js';
import { decodePlainPayload } from './payloads.js';
import { toSpanRow, type SpanRow } from './span-rows.js';
import { toEvents } from './to-events.js';

const rowsOf = (history: Parameters<typeof toEvents>[0]): SpanRow[] => groupSpans(toEvents(history, decodePlainPayload)).map(toSpanRow);

describe('packed span rows (the history page data)', () => {
  it('give back exactly the rows of a 5,000-event run, in a fraction of the size', () => {
    const rows = rowsOf(largeHistory(5000));
    expect(rows.length).toBeGreaterThan(1000);
    const packed = packSpanRows(rows);
    expect(unpackSpanRows(packed)).toStrictEqual(rows);
    // What the browser parses before it can hydrate: the packed form is well under half the objects'.
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(rows).length * 0.4);
  });

  it('keep every optional fact: callers, attempts, failures with and without a type, pending spans', () => {
    const rows = rowsOf(
      new HistoryBuilder('healFinding', { input: [{ siteId: 's-1', hostId: 'h-1', runbookId: 'RB-WIN-001', tier: 'L3' }] })
        .activity('planHeal', { attempts: 3 })
        .activity('verify', { fail: { message: 'still off', type: 'VerifyFailed' } })
        .activity('probe', { fail: { message: 'no answer' } })
        .update('decide', [{ decision: 'reject', reason: 'not now' }], { identity: 'custos-user:u-9' })
        .update('configure', [{}], { failure: 'not allowed' })
        .signal('pause', [{}], 'custos-user:u-2')
        .activity('apply', { pending: true })
        .timer(60, { fired: false })
        .build(),
    );
    expect(rows.some((r) => r.actor)).toBe(true);
    expect(rows.some((r) => r.failure && !r.failure.type)).toBe(true);
    expect(rows.some((r) => r.failure?.type)).toBe(true);
    expect(rows.some((r) => r.pending)).toBe(true);
    expect(unpackSpanRows(packSpanRows(rows))).toStrictEqual(rows);
  });

  it('pack nothing to nothing and refuse a string index that is not in the table', () => {
    expect(unpackSpanRows(packSpanRows([]))).toEqual([]);
    const packed = packSpanRows(rowsOf(new HistoryBuilder('w').activity('a').build()));
    expect(() => unpackSpanRows({ ...packed, strings: [] })).toThrow(/string \d+ is not in the table/);
  });
});
