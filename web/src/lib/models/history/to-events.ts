import { attributesKey, categorise, classify, idOf, readableEventType, type EventCategory, type EventClassification, type RawHistory } from './event-types.js';
import { decodeAttributes, type PayloadDecoder } from './payloads.js';

export interface WorkflowEvent {
  id: number;
  /** Readable type, e.g. `ActivityTaskScheduled`. */
  type: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** The event time as recorded (nanosecond precision kept for the auditor). */
  timeText: string;
  classification: EventClassification;
  category: EventCategory;
  /** The event's attributes with every payload decoded. */
  attributes: Record<string, unknown>;
}

export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';
}

/**
 * Raw JSON history → events in id order. Event ids must be 1, 2, 3 … without gaps: a history that
 * skips or repeats an id has been cut or spliced, and the view refuses it rather than drawing a
 * misleading timeline.
 */
export function toEvents(history: RawHistory, decode: PayloadDecoder): WorkflowEvent[] {
  if (!history || !Array.isArray(history.events)) throw new HistoryFormatError('history has no events array');
  const out: WorkflowEvent[] = new Array(history.events.length);
  let lastTime = 0;
  history.events.forEach((raw, i) => {
    const id = idOf(raw.eventId);
    if (id !== i + 1) throw new HistoryFormatError(`event ${i + 1} has id ${String(raw.eventId)}: ids must run 1, 2, 3 … without gaps`);
    if (typeof raw.eventType !== 'string') throw new HistoryFormatError(`event ${id} has no event type`);
    const type = readableEventType(raw.eventType);
    const parsed = raw.eventTime ? Date.parse(raw.eventTime) : NaN;
    // A missing or unreadable time borrows the previous event's, so the timeline stays ordered.
    const time = Number.isFinite(parsed) ? parsed : lastTime;
    lastTime = time;
    const attrs = raw[attributesKey(type)];
    out[i] = {
      id,
      type,
      time,
      timeText: raw.eventTime ?? '',
      classification: classify(type),
      category: categorise(type),
      attributes: (attrs && typeof attrs === 'object' ? decodeAttributes(attrs, decode) : {}) as Record<string, unknown>,
    };
  });
  return out;
}
