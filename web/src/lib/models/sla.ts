/** How much of an approval's SLA is left, in words and urgency, for the inbox countdowns. */

export type SlaLevel = 'ok' | 'warn' | 'bad';

export interface SlaState {
  remainingMs: number;
  overdue: boolean;
  level: SlaLevel;
  label: string;
}

function span(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 && m < 10 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d`;
}

/** Urgent when under a quarter of the SLA is left, late when under a tenth (or past). */
export function slaState(requestedAt: string | number, expiresAt: string | number, now: number): SlaState {
  const start = new Date(requestedAt).getTime();
  const end = new Date(expiresAt).getTime();
  const remainingMs = end - now;
  const total = Math.max(1, end - start);
  if (remainingMs <= 0) return { remainingMs, overdue: true, level: 'bad', label: `expired ${span(-remainingMs)} ago` };
  const left = remainingMs / total;
  return { remainingMs, overdue: false, level: left < 0.1 ? 'bad' : left < 0.25 ? 'warn' : 'ok', label: `${span(remainingMs)} left` };
}
