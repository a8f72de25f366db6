import { performance } from 'node:perf_hooks';

export interface Row {
  readonly name: string;
  /** Computed from CPU time (one core); `wall` is the same figure from wall-clock time. */
  readonly value: number;
  readonly wall?: number;
  readonly unit: string;
  readonly target?: string;
  readonly met?: boolean;
  readonly detail?: string;
}

/**
 * Wall-clock and CPU time of `fn`. The machines are shared and often oversubscribed, so CPU time of
 * this single-threaded process is the fairer "one core" figure; both are recorded.
 */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; result: T }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, result };
}

export function printTable(rows: readonly Row[]): void {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
  const cells = rows.map((r) => [r.name, `${fmt(r.value)} ${r.unit}`, r.wall === undefined ? '' : `${fmt(r.wall)} ${r.unit}`, r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO', r.detail ?? '']);
  const head = ['measure', 'result (CPU time)', 'wall clock', 'target', 'met', 'detail'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}
