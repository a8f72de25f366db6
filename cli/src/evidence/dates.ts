import { UsageError } from '../command.js';

// Dates on the command line: a calendar day (UTC) or an RFC 3339 instant. A day given as the end of a
// period means the whole day, so `--from 2026-11-01 --to 2026-11-30` covers November.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(option: string, text: string | undefined, endOfDay: boolean): Date {
  if (text === undefined || text === '') throw new UsageError(`${option} needs a date (YYYY-MM-DD or an RFC 3339 time such as 2026-11-26T10:00:00Z)`);
  if (DAY.test(text)) {
    const d = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) throw new UsageError(`${option} ${text} is not a calendar date`);
    return endOfDay ? new Date(d.getTime() + 24 * 3600 * 1000 - 1) : d;
  }
  const t = INSTANT.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(t)) throw new UsageError(`${option} ${JSON.stringify(text)} is not YYYY-MM-DD or an RFC 3339 time with a zone (…Z or …+01:00)`);
  return new Date(t);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseClientId(text: string | undefined): string {
  if (!text) throw new UsageError('--client needs the client id (a UUID)');
  if (!UUID.test(text)) throw new UsageError(`--client ${JSON.stringify(text)} is not a client id (a lowercase UUID)`);
  return text;
}
