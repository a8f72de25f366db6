/** Shared formatting. Times are shown in UTC everywhere so server and browser render the same text and auditors compare like with like. */

export function utc(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function utcDate(ms: number | string): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function percent(n: number | null): string {
  return n === null ? '—' : `${Math.round(n)} %`;
}

/**
 * A count with thousands separators (12,345), as en-US writes it. Not toLocaleString: Chromium
 * loads its ICU locale data on the first Intl call, 40–70 ms on the main thread of a page's first
 * render, for a comma. Non-integers are rounded; non-finite values show as —.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const digits = String(Math.abs(Math.round(n)));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = `${digits.slice(Math.max(0, end - 3), end)}${out === '' ? '' : `,${out}`}`;
  return n < 0 && Math.round(n) !== 0 ? `-${out}` : out;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function shortHash(hex: string, n = 12): string {
  return hex.length > n ? `${hex.slice(0, n)}…` : hex;
}

/** A workflow id as a readable path segment (`:` is allowed in paths; anything else unusual is encoded). */
export function workflowSegment(workflowId: string): string {
  return encodeURIComponent(workflowId).replace(/%3A/gi, ':').replace(/%40/g, '@');
}
