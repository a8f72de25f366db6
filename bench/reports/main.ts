import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildPacket } from '@custos/core';
import { randomSeed } from '@custos/evidence';
import { EvidenceService, evidenceKeys, MinioObjectStore } from '@custos/activities/evidence';
import { gatherPacketInput, packetCatalogue, packetFiles, partnerBranding, storePacket } from '@custos/activities/reports';
import { loadCatalogue } from '@custos/runbooks';
import { printTable, timed, type Row } from '../evidence/measure.js';
import { scratch } from '../evidence-store/scratch.js';
import { publishTrustValidFrom } from '../../activities/test/reports/support/backdated-trust.js';
import { seedMonth } from './seed-month.js';

// Time to generate one client's monthly compliance packet from its evidence, for a 200-host client:
// read and verify every bundle from SeaweedFS, derive observations and incidents, score five
// frameworks (now, last month, 31 days of trend), render the PDF and canonical JSON, then record both
// as evidence. The month is seeded first through the real evidence service (not timed). Needs the
// local stack up. CPU time is this process's (one core); wall time is beside it (shared machine).

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, hosts: { type: 'string' }, days: { type: 'string' }, 'scans-per-day': { type: 'string' }, runs: { type: 'string' } } });
const quick = values.quick === true;
const shape = {
  hosts: Number(values.hosts ?? (quick ? 20 : 200)),
  days: Number(values.days ?? (quick ? 7 : 31)),
  scansPerDay: Number(values['scans-per-day'] ?? 1),
  batchSize: 10,
  month: '2026-10',
};
const runs = Number(values.runs ?? (quick ? 1 : 3));

async function run(): Promise<void> {
  const s = await scratch(1);
  const rows: Row[] = [];
  try {
    const keys = evidenceKeys({ domain: 'custos.bench', bundle: randomSeed(), log: randomSeed(), export: randomSeed(), root: randomSeed() });
    const service = new EvidenceService({
      db: s.db,
      store: new MinioObjectStore({ endpoint: s.config.s3Endpoint, region: s.config.s3Region, accessKey: s.config.s3AccessKey, secretKey: s.config.s3SecretKey, bucket: s.bucket, prefix: s.prefix }),
      keys,
      trust: { tsaRoots: [], bitcoinMaxTarget: '1d00ffff' },
      retention: { seconds: 600 },
      agent: { name: 'custos-bench', version: '0', buildDigest: `sha256:${'00'.repeat(32)}` },
    });
    await publishTrustValidFrom(service, keys, '2026-09-01T00:00:00.000Z');
    const catalogue = loadCatalogue();
    const view = packetCatalogue(catalogue);
    const siteId = s.sites[0]!;
    const { client_id: clientId, partner_id: partnerId } = await s.db.selectFrom('sites').select(['client_id', 'partner_id']).where('id', '=', siteId).executeTakeFirstOrThrow();

    console.error(`bench: seeding ${shape.hosts} hosts × ${shape.days} days × ${shape.scansPerDay} scan(s)/day through the evidence service…`);
    const seeded = await timed(() => seedMonth(s.db, service, catalogue, siteId, shape, (d, t) => { if (d % 5 === 0 || d === t) console.error(`bench:   ${d}/${t} scans recorded`); }));
    const { bundles, checks, controls } = seeded.result;
    rows.push({ name: 'seed: scan and heal bundles recorded (not part of generation)', value: (bundles / seeded.cpuMs) * 1000, wall: (bundles / seeded.ms) * 1000, unit: 'bundles/s', detail: `${bundles} bundles, ${checks} check results stated as ${controls} control entries, ${(seeded.ms / 1000).toFixed(1)} s wall` });

    const times: { gather: number; build: number; render: number; store: number; total: number; cpu: number }[] = [];
    let sha = '';
    for (let i = 0; i < runs; i++) {
      console.error(`bench: generation ${i + 1}/${runs}…`);
      const cpu0 = process.cpuUsage();
      const gather = await timed(() => gatherPacketInput({ db: s.db, service, catalogue: view }, clientId, shape.month));
      const build = await timed(() => buildPacket(gather.result.input));
      const render = await timed(async () => packetFiles(build.result, await partnerBranding(s.db, partnerId)));
      const store = await timed(() => storePacket(s.db, service, { clientId, month: shape.month, evidenceSiteId: gather.result.evidenceSiteId, packet: build.result, trigger: 'cli', runId: randomUUID(), workflowId: null, requestedBy: null, startedAt: new Date().toISOString() }, render.result));
      const used = process.cpuUsage(cpu0);
      if (sha && sha !== render.result.pdfSha256) throw new Error('the packet changed between runs on the same evidence');
      sha = render.result.pdfSha256;
      times.push({ gather: gather.ms, build: build.ms, render: render.ms, store: store.ms, total: gather.ms + build.ms + render.ms + store.ms, cpu: (used.user + used.system) / 1000 });
      if (i === 0) {
        const p = build.result;
        console.error(`bench:   ${gather.result.input.observations.length} observations, ${gather.result.input.incidents.length} incidents; HIPAA ${p.posture[0]?.score}%; PDF ${render.result.pdf.length} bytes, JSON ${render.result.json.length} bytes`);
      }
    }
    const best = times.reduce((a, b) => (b.total < a.total ? b : a));
    const median = [...times].sort((a, b) => a.total - b.total)[Math.floor(times.length / 2)]!;
    const perStep = (k: 'gather' | 'build' | 'render' | 'store') => `${(best[k] / 1000).toFixed(2)} s`;
    rows.push({
      name: `packet for a ${shape.hosts}-host client (${shape.days} days, ${shape.scansPerDay} scan/day): gather + build + render + store`,
      value: best.cpu / 1000,
      wall: best.total / 1000,
      unit: 's',
      detail: `best of ${runs} (median wall ${(median.total / 1000).toFixed(1)} s); gather ${perStep('gather')}, build ${perStep('build')}, render ${perStep('render')}, store ${perStep('store')}; ${bundles} bundles read and verified`,
    });
    rows.push({ name: 'read + verify + derive, per evidence bundle', value: best.gather / bundles, unit: 'ms (wall)', detail: `${((best.gather / checks) * 1000).toFixed(2)} µs per check result (${((best.gather / controls) * 1000).toFixed(2)} µs per control entry)` });
  } finally {
    await s.close();
  }
  printTable(rows);
  const dir = path.resolve(import.meta.dirname, '../results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `reports-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadavg: os.loadavg() };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, shape, runs, machine, rows }, null, 2)}\n`);
  console.error(`bench: wrote ${path.relative(process.cwd(), file)}`);
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
