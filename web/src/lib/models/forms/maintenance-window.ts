import type { FormReader } from './fields.js';

export interface MaintenanceWindowInput {
  timeZone: string;
  days: number[];
  start: string;
  durationMinutes: number;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** An IANA time zone this runtime knows (Intl throws on anything else). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}

/**
 * A maintenance window from the settings form, every field checked and named on error. The site's
 * entity workflow validates again when it receives the change (its validator is the authority).
 */
export function readMaintenanceWindow(form: FormReader): MaintenanceWindowInput {
  const timeZone = form.text('timeZone', 'Time zone', { max: 64 });
  if (timeZone && !isTimeZone(timeZone)) form.fail('timeZone', `Time zone "${timeZone}" is not an IANA time zone such as America/Chicago.`);
  const days = [...new Set(form.all('days'))].map((d) => Number(d));
  if (days.length === 0) form.fail('days', 'Choose at least one day.');
  else if (!days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) form.fail('days', 'Days must be weekdays.');
  const start = form.text('start', 'Start time', { max: 5, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, patternHint: 'must be HH:MM (24-hour)' });
  const durationMinutes = form.integer('durationMinutes', 'Length in minutes', { min: 15, max: 24 * 60 });
  return { timeZone, days: days.sort((a, b) => a - b), start, durationMinutes };
}
