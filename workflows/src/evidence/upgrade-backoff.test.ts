import { describe, expect, it } from 'vitest';
import { nextWake } from './upgrade-backoff.js';

const H = 3600;

describe('nextWake', () => {
  it('follows +6 h, +12 h, +24 h after submission, then daily', () => {
    const retryAt = [6 * H, 12 * H, 24 * H];
    expect(nextWake(0, retryAt, 24 * H, undefined)).toBe(6 * H);
    expect(nextWake(6 * H, retryAt, 24 * H, undefined)).toBe(12 * H);
    expect(nextWake(13 * H, retryAt, 24 * H, undefined)).toBe(24 * H);
    expect(nextWake(24 * H, retryAt, 24 * H, undefined)).toBe(48 * H);
    expect(nextWake(50 * H, retryAt, 24 * H, undefined)).toBe(72 * H);
  });

  it('wakes for the alert deadline when it comes before the next retry', () => {
    expect(nextWake(40 * H, [6 * H], 24 * H, 45 * H)).toBe(45 * H);
    expect(nextWake(61 * H, [6 * H], 24 * H, 60 * H)).toBe(78 * H);
  });

  it('works at test scale (seconds)', () => {
    expect(nextWake(0.4, [1, 2], 3, 5)).toBe(1);
    expect(nextWake(2.2, [1, 2], 3, 5)).toBe(5);
    expect(nextWake(5.1, [1, 2], 3, undefined)).toBe(8);
  });
});
