import { describe, expect, it } from 'vitest';
import { retainUntil } from './retention.js';

describe('retainUntil', () => {
  it('adds calendar years in UTC (six by default policy)', () => {
    expect(retainUntil(new Date('2026-11-26T10:00:07.123Z'), { years: 6 }).toISOString()).toBe('2032-11-26T10:00:07.123Z');
  });

  it('moves a leap day forward rather than shortening retention', () => {
    expect(retainUntil(new Date('2028-02-29T00:00:00Z'), { years: 1 }).toISOString()).toBe('2029-03-01T00:00:00.000Z');
  });

  it('supports second-scale retention for tests of expiry', () => {
    expect(retainUntil(new Date('2026-01-01T00:00:00Z'), { seconds: 90 }).toISOString()).toBe('2026-01-01T00:01:30.000Z');
  });

  it('refuses nonsense policies', () => {
    expect(() => retainUntil(new Date(), { years: 0 })).toThrow(/1 to 100/);
    expect(() => retainUntil(new Date(), { years: 2.5 })).toThrow(/1 to 100/);
    expect(() => retainUntil(new Date(), { seconds: -1 })).toThrow(/positive/);
  });
});
