import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursorError, toPage } from './pagination.js';

const id = '00000000-0000-4000-8000-000000000001';

describe('cursors', () => {
  it('round-trip and refuse anything not issued here', () => {
    const at = new Date('2026-11-26T10:00:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
    const workflowId = 'heal:00000000-0000-4000-8000-000000000001:scan-servers:2026-11-26T22:23:09.252Z';
    expect(decodeCursor(encodeCursor({ at, id: workflowId }))).toEqual({ at, id: workflowId });
    for (const bad of ['', 'abc', Buffer.from(`2026-01-01T00:00:00Z|x' or 1=1 --`).toString('base64url'), Buffer.from("x|' or 1=1 --").toString('base64url'), Buffer.from(`2026-01-01|${id}|x`).toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
    }
  });

  it('toPage trims the look-ahead row into a cursor', () => {
    const rows = [1, 2, 3].map((n) => ({ n, at: new Date(n * 1000), id }));
    expect(toPage(rows, 3, (r) => r).nextCursor).toBeNull();
    const page = toPage(rows, 2, (r) => r);
    expect(page.items.map((r) => r.n)).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!).at).toEqual(new Date(2000));
  });
});
