import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomSeed } from '@custos/evidence';
import { EvidenceService, evidenceKeys, MinioObjectStore } from '@custos/activities/evidence';
import type { EvidenceRequest } from '@custos/activities/evidence';
import { benchSignAppend } from '../evidence/sign-append.js';
import { printTable, timed } from '../evidence/measure.js';
import type { Row } from '../evidence/measure.js';
import { scratch } from './scratch.js';

// Bundles per second through the whole evidence service — build, sign, PUT to SeaweedFS with Object
// Lock and retention read back, single-writer append in PostgreSQL, checkpoint and anchor-log entry
// per batch — next to the core's in-memory sign + append figure measured in the same run (machines
// are shared and noisy: compare the ratio, not the absolute numbers). Needs the local stack up.

const CONTROLS = Array.from({ length: 24 }, (_, i) => ({ id: `164.312(${String.fromCharCode(97 + (i % 5))})(${(i % 3) + 1})`, result: i % 7 === 3 ? ('fail' as const) : ('pass' as const), host: `host-${(i % 12).toString().padStart(3, '0')}` }));

function scanRequest(siteId: string, n: number): EvidenceRequest {
  const t = Date.now() - 60_000;
  return {
    requestKey: `bench:${siteId}:${n}`,
    siteId,
    kind: 'scan',
    runId: `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    startedAt: new Date(t).toISOString(),
    finishedAt: new Date(t + 7000).toISOString(),
    controls: CONTROLS,
  };
}

async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const n = quick ? 200 : 2000;
  const rows: Row[] = [];

  console.error('bench: in-memory sign + append (core)…');
  const memory = await benchSignAppend(quick ? 2000 : 20_000);
  rows.push(...memory);
  const inMemory = memory.find((r) => r.unit === 'bundles/s')!;

  const s = await scratch(8);
  try {
    const service = new EvidenceService({
      db: s.db,
      store: new MinioObjectStore({ endpoint: s.config.s3Endpoint, region: s.config.s3Region, accessKey: s.config.s3AccessKey, secretKey: s.config.s3SecretKey, bucket: s.bucket, prefix: s.prefix }),
      keys: evidenceKeys({ domain: 'custos.bench', bundle: randomSeed(), log: randomSeed(), export: randomSeed(), root: randomSeed() }),
      trust: { tsaRoots: [], bitcoinMaxTarget: '1d00ffff' },
      retention: { seconds: 600 },
      agent: { name: 'custos-bench', version: '0', buildDigest: `sha256:${'00'.repeat(32)}` },
    });
    await service.record(scanRequest(s.sites[0]!, 999_999)); // trust.json, bucket check, connections: not counted

    const cases: [string, () => Promise<unknown>, number][] = [
      ['one at a time, one site (latency-bound)', async () => { for (let i = 0; i < n / 10; i++) await service.record(scanRequest(s.sites[0]!, 100_000 + i)); }, n / 10],
      [`${n} concurrent, one site (group commit)`, () => Promise.all(Array.from({ length: n }, (_, i) => service.record(scanRequest(s.sites[0]!, i)))), n],
      [`${n} concurrent over 8 sites`, () => Promise.all(Array.from({ length: n }, (_, i) => service.record(scanRequest(s.sites[i % 8]!, 200_000 + i)))), n],
    ];
    for (const [label, fn, count] of cases) {
      console.error(`bench: ${label}…`);
      const { ms, cpuMs } = await timed(fn);
      const perSecond = (count / ms) * 1000;
      rows.push({
        name: `signed + stored + appended with SeaweedFS: ${label}`,
        value: (count / cpuMs) * 1000,
        wall: perSecond,
        unit: 'bundles/s',
        detail: `${count} bundles in ${(ms / 1000).toFixed(1)} s wall; wall rate is ${((perSecond / inMemory.wall!) * 100).toFixed(1)} % of in-memory wall rate; ${(ms / count).toFixed(1)} ms per bundle`,
      });
    }
  } finally {
    await s.close();
  }

  printTable(rows);
  const dir = path.resolve(import.meta.dirname, '../results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `evidence-store-${new Date().toISOString().slice(0, 10)}${quick ? '-quick' : ''}.json`);
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadavg: os.loadavg() };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2)}\n`);
  console.error(`bench: wrote ${path.relative(process.cwd(), file)}`);
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
