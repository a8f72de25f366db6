/**
 * Central API benchmark (issue 7): p50/p99 latency and requests/s of the fleet and findings list
 * endpoints with 100 partners, 1,000 sites, 20,000 hosts and 1,000,000 findings, driven by
 * autocannon on loopback against the API in its own process. Target: p99 < 50 ms at 200 req/s.
 * Prints a table and writes JSON to bench/results/.
 *
 *   npm run bench:api -w bench [-- --seconds 20] [--keep | --database <name of a kept database>]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectDatabase, createApiToken, createUser, migrateToLatest, type Role } from '@custos/db';
import { drive, type LoadResult } from './load.js';
import { ISSUE_SIZE, seedFleet } from './seed.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TARGET_RATE = 200;
const TARGET_P99_MS = 50;

async function admin<T>(serverUrl: URL, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(serverUrl);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function tokenFor(db: ReturnType<typeof connectDatabase>, role: Role, partnerId: string | null, clientId: string | null): Promise<string> {
  const user = await createUser(db, { kind: 'platform' }, {
    email: `${role}-${randomBytes(4).toString('hex')}@bench.test`,
    displayName: role,
    passwordHash: null,
    role,
    partnerId,
    clientId,
    expiresAt: null,
    grantClientIds: [],
  });
  const token = `cst_${randomBytes(32).toString('base64url')}`;
  await createApiToken(db, { userId: user.id, name: 'bench', tokenSha256: createHash('sha256').update(token).digest(), scopes: ['read'], expiresAt: new Date(Date.now() + 86_400_000) });
  return token;
}

function startServer(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [fileURLToPath(new URL('./serve.ts', import.meta.url))], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, port: (JSON.parse(line) as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`API server exited ${code} before listening`)));
  });
}

/** CPU time (user + system, ms) the API process has used so far. */
function cpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (u) => resolve(((u as { user: number; system: number }).user + (u as { user: number; system: number }).system) / 1000));
    child.send('cpu');
  });
}

async function run(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, keep: { type: 'boolean', default: false }, database: { type: 'string' } } });
  const seconds = Number(values.seconds);
  // Other work on the machine skews every figure: record how busy it was.
  const loadAtStart = loadavg();
  const server = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/custos');
  const reuse = values.database;
  if (reuse !== undefined && !/^custos_bench_api_[0-9a-f]{8}$/.test(reuse)) throw new Error(`--database must name a kept benchmark database, got "${reuse}"`);
  const name = reuse ?? `custos_bench_api_${randomBytes(4).toString('hex')}`;
  if (reuse === undefined) await admin(server, (c) => c.query(`create database ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = connectDatabase(url, { max: 2 });
  let child: ChildProcess | undefined;
  try {
    const seedStart = Date.now();
    if (reuse === undefined) {
      await migrateToLatest(db);
      await seedFleet(db, ISSUE_SIZE, (l) => console.error(`seed: ${l}`));
    }
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const partners = await db.selectFrom('partners').select('id').orderBy('slug').limit(20).execute();
    const partnerTokens = await Promise.all(partners.map((p) => tokenFor(db, 'partner_admin', p.id, null)));
    const clients = await db.selectFrom('clients').select(['id', 'partner_id']).limit(20).execute();
    const clientTokens = await Promise.all(clients.map((c) => tokenFor(db, 'client_viewer', c.partner_id, c.id)));
    const platformTokens = [await tokenFor(db, 'platform_admin', null, null)];

    const started = await startServer(url.toString());
    child = started.child;
    const scenarios = [
      { name: 'fleet, partner admin', path: '/fleet?limit=50', tokens: partnerTokens },
      { name: 'fleet, platform admin (1,000 sites, page of 50)', path: '/fleet?limit=50', tokens: platformTokens },
      { name: 'findings, partner admin (10,000 each)', path: '/findings?limit=50', tokens: partnerTokens },
      { name: 'findings open+high, partner admin', path: '/findings?limit=50&status=open&severity=high', tokens: partnerTokens },
      { name: 'findings, client viewer', path: '/findings?limit=50', tokens: clientTokens },
      { name: 'findings, platform admin (1,000,000)', path: '/findings?limit=50', tokens: platformTokens },
    ];
    const rows: { scenario: string; path: string; atTarget: LoadResult; max: LoadResult; cpuMsPerRequest: number; pass: boolean }[] = [];
    await drive({ port: started.port, path: '/fleet?limit=50', tokens: partnerTokens, seconds: 3, connections: 4 }); // warm-up
    // Service time: one request at a time, so the figure is the API's own cost, not queueing.
    const serviceTime = await drive({ port: started.port, path: '/findings?limit=50', tokens: partnerTokens, seconds: 5, connections: 1 });
    console.error(`bench: service time (findings, 1 connection): p50 ${serviceTime.p50} ms, p99 ${serviceTime.p99} ms, ${serviceTime.rps.toFixed(0)} req/s`);
    for (const s of scenarios) {
      const cpuBefore = await cpuMs(child);
      const atTarget = await drive({ port: started.port, path: s.path, tokens: s.tokens, seconds, connections: 10, rate: TARGET_RATE });
      const cpuMsPerRequest = (await cpuMs(child) - cpuBefore) / Math.max(1, atTarget.requests);
      const max = await drive({ port: started.port, path: s.path, tokens: s.tokens, seconds: Math.max(5, Math.round(seconds / 2)), connections: 10 });
      const pass = atTarget.p99 < TARGET_P99_MS && atTarget.errors === 0 && atTarget.non2xx === 0;
      rows.push({ scenario: s.name, path: s.path, atTarget, max, cpuMsPerRequest, pass });
      console.error(`bench: ${s.name}: p50 ${atTarget.p50} ms, p99 ${atTarget.p99} ms at ${atTarget.rps.toFixed(0)} req/s; max ${max.rps.toFixed(0)} req/s; API CPU ${cpuMsPerRequest.toFixed(2)} ms/request`);
    }

    console.log(`\nservice time, findings page, one connection: p50 ${serviceTime.p50} ms, p99 ${serviceTime.p99} ms (${serviceTime.rps.toFixed(0)} req/s); load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`Central API on loopback: ${ISSUE_SIZE.partners} partners, 1,000 sites, 20,000 hosts, 1,000,000 findings (seeded in ${seedSeconds.toFixed(0)} s)`);
    console.log(`${'scenario'.padEnd(50)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s'.padStart(7)}   ${'max req/s'.padStart(9)} ${'p99@max'.padStart(8)} ${'CPU ms/req'.padStart(10)}  target`);
    for (const r of rows) {
      console.log(
        `${r.scenario.padEnd(50)} ${String(r.atTarget.p50).padStart(7)} ${String(r.atTarget.p99).padStart(7)} ${r.atTarget.rps.toFixed(0).padStart(7)}   ${r.max.rps.toFixed(0).padStart(9)} ${String(r.max.p99).padStart(8)} ${r.cpuMsPerRequest.toFixed(2).padStart(10)}  ${r.pass ? 'ok' : 'MISSED'} (p99 < ${TARGET_P99_MS} ms at ${TARGET_RATE} req/s)`,
      );
    }
    const out = join(ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    const file = join(out, `api-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          benchmark: 'api',
          at: new Date().toISOString(),
          machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), loadavg: loadavg(), node: process.version },
          size: { ...ISSUE_SIZE, sites: 1000, hosts: 20_000, findings: 1_000_000 },
          target: { rate: TARGET_RATE, p99Ms: TARGET_P99_MS },
          secondsPerRun: seconds,
          seedSeconds,
          loadAverageAtStart: loadAtStart,
          serviceTime,
          results: rows,
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nwrote ${file}`);
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await db.destroy();
    if (!values.keep && reuse === undefined) await admin(server, (c) => c.query(`drop database if exists ${name} with (force)`));
    else console.error(`kept database ${name}`);
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
