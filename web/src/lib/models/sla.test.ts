import { describe, expect, it } from 'vitest';
import { slaState } from './sla.js';

describe('slaState', () => {
  const requested = Date.parse('2026-11-26T10:00:00Z');
  const expires = requested + 60 * 60_000;

  it('counts down in words with urgency by the share of the SLA left', () => {
    expect(slaState(requested, expires, requested + 10 * 60_000)).toEqual({ remainingMs: 50 * 60_000, overdue: false, level: 'ok', label: '50 min left' });
    expect(slaState(requested, expires, requested + 50 * 60_000)).toMatchObject({ level: 'warn', label: '10 min left' });
    expect(slaState(requested, expires, requested + 57 * 60_000 + 30_000)).toMatchObject({ level: 'bad', label: '2 min 30 s left' });
    expect(slaState(requested, requested + 8 * 3600_000, requested)).toMatchObject({ label: '8 h left' });
  });

  it('says how long ago an approval expired', () => {
    expect(slaState(requested, expires, expires + 90_000)).toMatchObject({ overdue: true, level: 'bad', label: 'expired 1 min 30 s ago' });
  });

  it('accepts ISO strings as the API sends them', () => {
    expect(slaState('2026-11-26T10:00:00.000Z', '2026-11-26T10:15:00.000Z', requested)).toMatchObject({ label: '15 min left', level: 'ok' });
  });
});
