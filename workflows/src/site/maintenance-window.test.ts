import { describe, expect, it } from 'vitest';
import { windowAt, windowProblems } from './maintenance-window.js';

const at = (iso: string) => Date.parse(iso);

describe('maintenance windows in the site time zone', () => {
  const chicagoSaturdayNight = { timeZone: 'America/Chicago', days: [6], start: '22:00', durationMinutes: 240 };

  it('is closed before the local start and says when it opens (CST = UTC-6)', () => {
    // Saturday 2026-11-28 20:00 in Chicago is 02:00Z Sunday.
    expect(windowAt(chicagoSaturdayNight, at('2026-11-29T02:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-11-29T04:00:00Z'),
      closesAt: at('2026-11-29T08:00:00Z'),
    });
  });

  it('is open inside the window, including after local midnight', () => {
    expect(windowAt(chicagoSaturdayNight, at('2026-11-29T07:30:00Z'))).toEqual({ open: true, closesAt: at('2026-11-29T08:00:00Z') });
  });

  it('waits a week once this week’s window has closed', () => {
    expect(windowAt(chicagoSaturdayNight, at('2026-11-29T08:00:00Z'))).toMatchObject({ open: false, opensAt: at('2026-12-06T04:00:00Z') });
  });

  it('keeps local wall-clock time across a DST change (CDT = UTC-5 in summer)', () => {
    expect(windowAt(chicagoSaturdayNight, at('2026-07-01T00:00:00Z'))).toMatchObject({ open: false, opensAt: at('2026-07-05T03:00:00Z') });
  });

  it('takes a start time with seconds (short windows in tests)', () => {
    const w = { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], start: '10:00:30', durationMinutes: 0.5 };
    expect(windowAt(w, at('2026-11-26T10:00:10Z'))).toEqual({ open: false, opensAt: at('2026-11-26T10:00:30Z'), closesAt: at('2026-11-26T10:01:00Z') });
    expect(windowAt(w, at('2026-11-26T10:00:45Z'))).toEqual({ open: true, closesAt: at('2026-11-26T10:01:00Z') });
    expect(windowAt(w, at('2026-11-26T10:01:00Z'))).toMatchObject({ open: false, opensAt: at('2026-11-27T10:00:30Z') });
  });

  it('names every problem of a bad window and refuses to compute with it', () => {
    const bad = { timeZone: 'Mars/Olympus', days: [7, 7], start: '25:00', durationMinutes: 0 };
    expect(windowProblems(bad)).toEqual([
      'timeZone: "Mars/Olympus" is not an IANA time zone',
      'days: a non-empty list of distinct weekdays 0 (Sunday) to 6',
      'start: "25:00" is not HH:MM or HH:MM:SS',
      'durationMinutes: must be more than 0 and at most one week',
    ]);
    expect(() => windowAt(bad, 0)).toThrow(/maintenance window: timeZone/);
  });
});
