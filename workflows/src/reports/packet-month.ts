// Which month a packet covers. Pure and sandbox-safe: the workflow passes its scheduled start time.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isPacketMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The calendar month (UTC) before the one `at` falls in, as YYYY-MM. */
export function previousMonth(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month is over (its packet can be final) once `now` has reached the first instant of the next. */
export function monthIsOver(month: string, now: Date): boolean {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return now.getTime() >= Date.UTC(y, m, 1);
}
