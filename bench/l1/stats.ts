/** Percentiles of a sample of durations in nanoseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  readonly meanUs: number;
}

export function summarise(samplesNs: BigInt64Array | Float64Array): LatencySummary {
  const sorted = Float64Array.from(samplesNs, Number).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 1000;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length / 1000;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { count: sorted.length, p50Us: round(at(0.5)), p90Us: round(at(0.9)), p99Us: round(at(0.99)), p999Us: round(at(0.999)), maxUs: round(sorted[sorted.length - 1]! / 1000), meanUs: round(mean) };
}
