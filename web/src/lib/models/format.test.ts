import { describe, expect, it } from 'vitest';
import { formatCount, plural } from './format.js';

describe('formatCount', () => {
  it('writes counts as en-US does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 4991, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1000, -1_234_567]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('rounds fractions and marks what is not a number', () => {
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(-0.2)).toBe('0');
    expect(formatCount(Number.NaN)).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('is what plural uses', () => {
    expect(plural(1, 'bundle')).toBe('1 bundle');
    expect(plural(1500, 'bundle')).toBe('1,500 bundles');
  });
});
