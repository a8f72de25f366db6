import { describe, expect, it } from 'vitest';
import { Semaphore } from './limits.js';

describe('Semaphore', () => {
  it('never lets more than capacity run, and runs everything', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sem.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          running--;
          done.push(i);
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('releases on failure and rejects a bad capacity', async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(sem.run(async () => 42)).resolves.toBe(42);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
