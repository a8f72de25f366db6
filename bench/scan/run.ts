/**
 * Scan benchmark. A 200-host lab site (its own process), every enabled runbook of the shipped
 * catalogue, one appliance worker (its own process), the real dev server, database and evidence
 * store. Rounds alternate: scanSite through Temporal, and the same activities called directly
 * (direct.ts); each round scans a fresh site record so every round writes the same findings.
 * Then a 500-host site is scanned through Temporal while the appliance's RSS is sampled.
 * Targets (DESIGN.md): ≥ 300 checks/s; Temporal ≤ 1.3× direct; appliance RSS ≤ 200 MB at 500 hosts.
 */
import type { ScanSummary } from '@custos/workflows/messages';
import { scanDirectly } from './direct.js';
import { median, writeResults } from './stats.js';
import { seedLabTenant, startBenchEnv, type BenchEnv } from './support/bench-env.js';
import { rssBytes, rssSampler } from './support/processes.js';
import { APPLIANCE_NODE_FLAGS } from '@custos/appliance-worker';

const HOSTS = Number(process.env.BENCH_SCAN_HOSTS ?? 200);
const RSS_HOSTS = Number(process.env.BENCH_SCAN_RSS_HOSTS ?? 500);
const ROUNDS = Number(process.env.BENCH_SCAN_ROUNDS ?? 2);
const MB = 1024 * 1024;

async function scanThroughTemporal(env: BenchEnv, siteId: string, tag: string): Promise<ScanSummary> {
  return (await env.client.workflow.execute('scanSite', { taskQueue: env.taskQueue, workflowId: `bench-scan-${tag}-${Date.now()}`, args: [{ siteId, trigger: 'manual' }] })) as ScanSummary;
}

async function ratioRounds(): Promise<Record<string, unknown>> {
  const env = await startBenchEnv({ hosts: HOSTS, healingPaused: true, batchSize: 10, parallelBatches: 6 });
  const rounds: { via: 'temporal' | 'direct'; seconds: number; checks: number; checksPerSecond: number }[] = [];
  let peakRss = 0;
  try {
    // Warm-up: a few hosts through both paths (JIT, connections, credential caches).
    process.stderr.write(`bench: ${HOSTS} lab hosts, database, workers and appliance up; warming up\n`);
    const warm = await seedLabTenant(env.db, env.labHosts.slice(0, 10), true);
    await scanDirectly(env, warm.siteId);
    process.stderr.write('bench: direct warm-up done\n');
    await scanThroughTemporal(env, env.siteId, 'warm');
    process.stderr.write('bench: Temporal warm-up done\n');
    for (let r = 0; r < ROUNDS; r++) {
      for (const via of r % 2 === 0 ? (['direct', 'temporal'] as const) : (['temporal', 'direct'] as const)) {
        // The same site each round (the appliance serves one site's queue), with its findings cleared
        // so every round opens the same findings.
        await env.db.deleteFrom('findings').where('site_id', '=', env.siteId).execute();
        const siteId = env.siteId;
        const rss = via === 'temporal' ? rssSampler(env.appliance.child.pid) : undefined;
        const t0 = performance.now();
        const checks = via === 'temporal' ? (await scanThroughTemporal(env, siteId, `r${r}`)).checks : (await scanDirectly(env, siteId)).checks;
        const seconds = (performance.now() - t0) / 1000;
        if (rss) peakRss = Math.max(peakRss, rss.stop());
        rounds.push({ via, seconds, checks, checksPerSecond: checks / seconds });
        process.stderr.write(`round ${r} ${via}: ${checks} checks in ${seconds.toFixed(1)} s = ${(checks / seconds).toFixed(0)} checks/s\n`);
      }
    }
  } finally {
    await env.stop();
  }
  const t = rounds.filter((x) => x.via === 'temporal');
  const d = rounds.filter((x) => x.via === 'direct');
  const temporalSeconds = median(t.map((x) => x.seconds));
  const directSeconds = median(d.map((x) => x.seconds));
  return {
    hosts: HOSTS,
    checksPerScan: t[0]?.checks,
    rounds,
    temporal: { seconds: temporalSeconds, checksPerSecond: median(t.map((x) => x.checksPerSecond)) },
    direct: { seconds: directSeconds, checksPerSecond: median(d.map((x) => x.checksPerSecond)) },
    ratio: temporalSeconds / directSeconds,
    applianceRssPeakMb: peakRss / MB,
  };
}

async function rssAtScale(): Promise<Record<string, unknown>> {
  const env = await startBenchEnv({ hosts: RSS_HOSTS, healingPaused: true, batchSize: 10, parallelBatches: 6 });
  try {
    // Warm-up on one host: the appliance has started, loaded its catalogue and fetched credentials.
    const first = env.hostIds[env.labHosts[0]!.name]!;
    await env.client.workflow.execute('scanSite', { taskQueue: env.taskQueue, workflowId: `bench-scan-rss-warm-${Date.now()}`, args: [{ siteId: env.siteId, trigger: 'manual', hostIds: [first] }] });
    await env.db.deleteFrom('findings').where('site_id', '=', env.siteId).execute();
    const idle = rssBytes(env.appliance.child.pid) ?? 0;
    const rss = rssSampler(env.appliance.child.pid);
    const t0 = performance.now();
    const summary = await scanThroughTemporal(env, env.siteId, 'rss');
    const seconds = (performance.now() - t0) / 1000;
    const peak = rss.stop();
    process.stderr.write(`${RSS_HOSTS} hosts: ${summary.checks} checks in ${seconds.toFixed(1)} s, appliance RSS ${(idle / MB).toFixed(0)} MB idle, peak ${(peak / MB).toFixed(0)} MB\n`);
    return { hosts: RSS_HOSTS, reachable: summary.reachable, checks: summary.checks, seconds, checksPerSecond: summary.checks / seconds, applianceRssIdleMb: idle / MB, applianceRssPeakMb: peak / MB, applianceNodeFlags: process.env.BENCH_APPLIANCE_NODE_FLAGS ?? APPLIANCE_NODE_FLAGS.join(' ') };
  } finally {
    await env.stop();
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_SCAN_PHASES === 'rss') {
    console.log(JSON.stringify(await rssAtScale()));
    return;
  }
  const ratio = (await ratioRounds()) as { temporal: { checksPerSecond: number; seconds: number }; direct: { checksPerSecond: number; seconds: number }; ratio: number; applianceRssPeakMb: number; checksPerScan: number };
  const scale = (await rssAtScale()) as { applianceRssPeakMb: number; checksPerSecond: number; checks: number };
  const targets = {
    checksPerSecond: { target: 300, measured: ratio.temporal.checksPerSecond, met: ratio.temporal.checksPerSecond >= 300 },
    temporalOverDirect: { target: 1.3, measured: ratio.ratio, met: ratio.ratio <= 1.3 },
    applianceRssMbAt500: { target: 200, measured: scale.applianceRssPeakMb, met: scale.applianceRssPeakMb <= 200 },
  };
  console.log(`\nscan benchmark: ${HOSTS} lab hosts, ${ratio.checksPerScan} checks per scan, one appliance worker`);
  console.table({
    'through Temporal': { seconds: ratio.temporal.seconds.toFixed(1), 'checks/s': ratio.temporal.checksPerSecond.toFixed(0) },
    'activities called directly': { seconds: ratio.direct.seconds.toFixed(1), 'checks/s': ratio.direct.checksPerSecond.toFixed(0) },
    [`through Temporal, ${RSS_HOSTS} hosts`]: { seconds: '', 'checks/s': scale.checksPerSecond.toFixed(0) },
  });
  console.table(Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, { target: v.target, measured: Number(v.measured.toFixed(2)), met: v.met }])));
  console.log(`results: ${writeResults('scan', { ratioRounds: ratio, atScale: scale, targets })}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
