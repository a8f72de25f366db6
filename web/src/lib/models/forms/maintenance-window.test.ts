import { describe, expect, it } from 'vitest';
import { FormReader } from './fields.js';
import { isTimeZone, readMaintenanceWindow } from './maintenance-window.js';

const form = (e: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(e)) for (const one of [v].flat()) f.append(k, one);
  return new FormReader(f);
};

describe('maintenance window form', () => {
  it('reads a good window with days in order', () => {
    const r = form({ timeZone: 'America/Chicago', days: ['6', '0'], start: '22:00', durationMinutes: '120' });
    expect(readMaintenanceWindow(r)).toEqual({ timeZone: 'America/Chicago', days: [0, 6], start: '22:00', durationMinutes: 120 });
    expect(r.ok).toBe(true);
  });

  it('names every bad field', () => {
    const r = form({ timeZone: 'Mars/Olympus', start: '25:00', durationMinutes: '5' });
    readMaintenanceWindow(r);
    expect(r.errors).toEqual({
      timeZone: 'Time zone "Mars/Olympus" is not an IANA time zone such as America/Chicago.',
      days: 'Choose at least one day.',
      start: 'Start time must be HH:MM (24-hour).',
      durationMinutes: 'Length in minutes must be between 15 and 1440.',
    });
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('not a zone')).toBe(false);
  });
});
