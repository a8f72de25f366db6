import { describe, expect, it } from 'vitest';
import { isPacketMonth, monthIsOver, previousMonth } from './packet-month.js';

describe('packet month', () => {
  it('is the month before the scheduled start, in UTC', () => {
    expect(previousMonth(new Date('2026-11-01T02:00:00Z'))).toBe('2026-10');
    expect(previousMonth(new Date('2027-01-01T02:00:00Z'))).toBe('2026-12');
    // 23:30 on 31 October in New York is already 1 November in UTC.
    expect(previousMonth(new Date('2026-11-01T03:30:00Z'))).toBe('2026-10');
    expect(previousMonth(new Date('2026-10-31T23:59:59.999Z'))).toBe('2026-09');
  });

  it('accepts only YYYY-MM', () => {
    expect(isPacketMonth('2026-10')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-10-01', 202610, null]) expect(isPacketMonth(bad)).toBe(false);
  });

  it('knows when a month is over', () => {
    expect(monthIsOver('2026-10', new Date('2026-11-01T00:00:00Z'))).toBe(true);
    expect(monthIsOver('2026-10', new Date('2026-10-31T23:59:59Z'))).toBe(false);
    expect(monthIsOver('2026-12', new Date('2027-01-01T00:00:00Z'))).toBe(true);
  });
});
