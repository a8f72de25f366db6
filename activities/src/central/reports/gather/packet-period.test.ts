import { describe, expect, it } from 'vitest';
import { InvalidMonth, packetPeriod } from './packet-period.js';

describe('packetPeriod', () => {
  it('covers the calendar month in UTC, the end exclusive', () => {
    expect(packetPeriod('2026-10')).toEqual({ month: '2026-10', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', label: 'October 2026' });
  });

  it('rolls December into the next year and knows leap Februaries', () => {
    expect(packetPeriod('2026-12').to).toBe('2027-01-01T00:00:00.000Z');
    expect(packetPeriod('2028-02').to).toBe('2028-03-01T00:00:00.000Z');
  });

  it('refuses anything but YYYY-MM, naming the value', () => {
    for (const bad of ['2026-13', '2026-1', '26-10', '2026-10-01', '', '2026-00']) expect(() => packetPeriod(bad)).toThrow(InvalidMonth);
    expect(() => packetPeriod('2026-13')).toThrow('month "2026-13" is not YYYY-MM');
  });
});
