import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSignAppend } from './sign-append.js';
import { benchLogStructure } from './log-structure.js';
import { benchKitVerify } from './kit-verify.js';
import { printTable } from './measure.js';
import type { Row } from './measure.js';

// Evidence benchmarks (DESIGN.md performance targets). Single-threaded, so each figure is one core.
// `--quick` runs small sizes to check the benchmark itself; recorded figures use the defaults.

async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? { sign: 2_000, log: 50_000, proofs: 1_000, kit: 2_000 } : { sign: 30_000, log: 1_000_000, proofs: 10_000, kit: 100_000 };
  const rows: Row[] = [];
  for (const [label, step] of [
    ['sign + append', () => benchSignAppend(sizes.sign)],
    ['log structure + inclusion proofs', () => benchLogStructure(sizes.log, sizes.proofs)],
    ['full kit verification', () => benchKitVerify(sizes.kit)],
  ] as const) {
    console.error(`bench: ${label}…`);
    rows.push(...(await step()));
  }
  printTable(rows);
  const date = new Date().toISOString().slice(0, 10);
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `evidence-${date}${quick ? '-quick' : ''}.json`);
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadavg: os.loadavg() };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2)}\n`);
  console.error(`bench: wrote ${path.relative(process.cwd(), file)}`);
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
