/** Percentiles and a results file, shared by the scan and heal benchmarks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { REPO } from './support/processes.js';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Writes `bench/results/<name>-<timestamp>.json` with the machine it ran on; returns the path. */
export function writeResults(name: string, results: Record<string, unknown>): string {
  const dir = path.join(REPO, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), loadAverage: loadavg(), node: process.version };
  writeFileSync(file, JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine, ...results }, null, 2) + '\n');
  return file;
}
