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

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function shortHash(hex: string, n = 12): string {
  return hex.length > n ? `${hex.slice(0, n)}…` : hex;
}

/** A workflow id as a readable path segment (`:` is allowed in paths; anything else unusual is encoded). */
export function workflowSegment(workflowId: string): string {
  return encodeURIComponent(workflowId).replace(/%3A/gi, ':').replace(/%40/g, '@');
}
