import type { EventCategory } from './event-types.js';
import type { SpanStatus } from './group-spans.js';
import type { SpanRow } from './span-rows.js';

/**
 * Span rows as the history page ships them to the browser: each row a flat array of numbers, every
 * string an index into one table of distinct strings, times in ms after the run's first span. A
 * 5,000-event run has ~1,500 rows repeating the same titles, runbooks, hosts and statuses; as
 * objects they are ~570 KB of page data the browser parses before the page can hydrate, packed a
 * fraction of that. `unpackSpanRows(packSpanRows(rows))` gives the rows back exactly.
 *
 * A row: id, category, name, title, status, outcome, pending (0/1), start, end, attempts, actor,
 * failure type, failure message (-1 where absent), then the subject count and its label/value
 * pairs, then the event count, the event ids and the event times.
 */
export interface PackedSpanRows {
  strings: string[];
  origin: number;
  rows: number[][];
}

const ABSENT = -1;

export function packSpanRows(rows: readonly SpanRow[]): PackedSpanRows {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (v: string): number => {
    let i = index.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      index.set(v, i);
    }
    return i;
  };
  const origin = rows.reduce((min, r) => Math.min(min, r.start, ...r.events.map((e) => e.time)), Number.POSITIVE_INFINITY);
  const base = Number.isFinite(origin) ? origin : 0;
  const packed = rows.map((r) => {
    const out = [
      r.id,
      s(r.category),
      s(r.name),
      s(r.title),
      s(r.status),
      s(r.outcome),
      r.pending ? 1 : 0,
      r.start - base,
      r.end - base,
      r.attempts ?? ABSENT,
      r.actor === undefined ? ABSENT : s(r.actor),
      r.failure?.type === undefined ? ABSENT : s(r.failure.type),
      r.failure === undefined ? ABSENT : s(r.failure.message),
      r.subject.length,
    ];
    for (const p of r.subject) out.push(s(p.label), s(p.value));
    out.push(r.events.length);
    for (const e of r.events) out.push(e.id);
    for (const e of r.events) out.push(e.time - base);
    return out;
  });
  return { strings, origin: base, rows: packed };
}

export function unpackSpanRows(packed: PackedSpanRows): SpanRow[] {
  const { strings, origin } = packed;
  const str = (i: number): string => {
    const v = strings[i];
    if (v === undefined) throw new RangeError(`packed span rows: string ${i} is not in the table`);
    return v;
  };
  return packed.rows.map((p) => {
    let k = 0;
    const next = () => p[k++]!;
    const id = next();
    const category = str(next()) as EventCategory;
    const name = str(next());
    const title = str(next());
    const status = str(next()) as SpanStatus;
    const outcome = str(next());
    const pending = next() === 1;
    const start = next() + origin;
    const end = next() + origin;
    const attempts = next();
    const actor = next();
    const failureType = next();
    const failureMessage = next();
    const subject = Array.from({ length: next() }, () => ({ label: str(next()), value: str(next()) }));
    const eventCount = next();
    const ids = p.slice(k, k + eventCount);
    const times = p.slice(k + eventCount, k + 2 * eventCount);
    const row: SpanRow = {
      title,
      subject,
      outcome,
      ...(actor !== ABSENT && { actor: str(actor) }),
      ...(attempts !== ABSENT && { attempts }),
      ...(failureMessage !== ABSENT && { failure: { ...(failureType !== ABSENT && { type: str(failureType) }), message: str(failureMessage) } }),
      id,
      category,
      name,
      status,
      pending,
      start,
      end,
      events: ids.map((eventId, i) => ({ id: eventId, time: times[i]! + origin })),
    };
    return row;
  });
}
