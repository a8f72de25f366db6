/**
 * Maintenance windows in the site's own time zone. A window opens on the listed local weekdays at a
 * local wall-clock time and stays open for its duration; daylight-saving shifts move the UTC instant,
 * never the local time. Pure and deterministic (Intl's time-zone data is fixed per Node release), so
 * heal workflows can compute "wait until" inside the sandbox.
 */
import type { MaintenanceWindow } from '@custos/core';

export type WindowState = { open: true; closesAt: number } | { open: false; opensAt: number; closesAt: number };

const START = /^([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$/;
const DAY_MS = 86_400_000;

/** Problems with a window as configured, each naming the field; empty when it is usable. */
export function windowProblems(w: MaintenanceWindow): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: w.timeZone });
  } catch {
    problems.push(`timeZone: "${String(w.timeZone)}" is not an IANA time zone`);
  }
  if (!Array.isArray(w.days) || w.days.length === 0 || !w.days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6) || new Set(w.days).size !== w.days.length) {
    problems.push('days: a non-empty list of distinct weekdays 0 (Sunday) to 6');
  }
  if (typeof w.start !== 'string' || !START.test(w.start)) problems.push(`start: "${String(w.start)}" is not HH:MM or HH:MM:SS`);
  if (typeof w.durationMinutes !== 'number' || !(w.durationMinutes > 0) || w.durationMinutes > 7 * 24 * 60) {
    problems.push('durationMinutes: must be more than 0 and at most one week');
  }
  return problems;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localParts(format: Intl.DateTimeFormat, epochMs: number): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    // Some ICU versions print midnight as 24 with hourCycle h23 unset; normalise.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The UTC instant of a local wall-clock time in the zone (the later instant when a DST gap skips it). */
function zonedToUtc(format: Intl.DateTimeFormat, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (instant: number) => {
    const p = localParts(format, instant);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
  };
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/** Whether the window is open at `nowMs`, and if not, when it next opens. */
export function windowAt(w: MaintenanceWindow, nowMs: number): WindowState {
  const problems = windowProblems(w);
  if (problems.length > 0) throw new RangeError(`maintenance window: ${problems.join('; ')}`);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: w.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const [, hh, mm, ss] = START.exec(w.start) as RegExpExecArray;
  const durationMs = Math.round(w.durationMinutes * 60_000);
  const today = localParts(format, nowMs);
  // Start a week back so a long window that opened on an earlier day is still seen as open.
  for (let offset = -7; offset <= 8; offset++) {
    const noon = Date.UTC(today.year, today.month - 1, today.day, 12) + offset * DAY_MS;
    const date = new Date(noon);
    const weekday = (today.weekday + offset + 70) % 7;
    if (!w.days.includes(weekday)) continue;
    const opensAt = zonedToUtc(format, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Number(hh), Number(mm), Number(ss ?? 0));
    const closesAt = opensAt + durationMs;
    if (closesAt <= nowMs) continue;
    return opensAt <= nowMs ? { open: true, closesAt } : { open: false, opensAt, closesAt };
  }
  throw new RangeError('maintenance window: no opening within the next week');
}
