/** Keyset pagination: a cursor is the (timestamp, id) of the last row served, opaque to clients. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Cursor {
  at: Date;
  id: string;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

// Row ids are UUIDs, or workflow ids (heals are keyed by theirs: `heal:<site>:<finding>`, with
// Schedule time suffixes such as `…:2026-11-26T22:23:09.252Z`).
const ROW_ID = /^[A-Za-z0-9][A-Za-z0-9:._@-]{0,511}$/;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [at, id, extra] = text.split('|');
  const date = at === undefined ? undefined : new Date(at);
  if (extra !== undefined || id === undefined || !ROW_ID.test(id) || date === undefined || Number.isNaN(date.getTime())) {
    throw new InvalidCursorError('cursor is not one this API issued');
  }
  return { at: date, id };
}

/** Fetch `limit + 1` rows; this trims the extra row and turns it into the next cursor. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => Cursor): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(key(items[items.length - 1]!)) };
}
