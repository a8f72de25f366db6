import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('GroupCommit', () => {
  it('writes the first item alone, then everything that arrived meanwhile as one batch, per key', async () => {
    const batches: string[][] = [];
    const gc = new GroupCommit<string, string>(async (key, items) => {
      batches.push([key, ...items]);
      await tick();
      return items.map((i) => `${i}!`);
    }, 100);
    const results = await Promise.all([gc.submit('a', '1'), gc.submit('a', '2'), gc.submit('a', '3'), gc.submit('b', 'x')]);
    expect(results).toEqual(['1!', '2!', '3!', 'x!']);
    expect(batches).toEqual([['a', '1'], ['b', 'x'], ['a', '2', '3']]);
  });

  it('caps batch size', async () => {
    const sizes: number[] = [];
    const gc = new GroupCommit<number, number>(async (_k, items) => {
      sizes.push(items.length);
      await tick();
      return items;
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => gc.submit('k', i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  it('fails every caller of a failed batch and carries on with the next', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>(async (_k, items) => {
      calls++;
      await tick();
      if (calls === 2) throw new Error('store down');
      return items;
    }, 10);
    const outcomes = await Promise.allSettled([gc.submit('k', 1), gc.submit('k', 2), gc.submit('k', 3)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(gc.submit('k', 4)).resolves.toBe(4);
  });
});
