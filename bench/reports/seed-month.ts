import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { upsertHost, type Database, type HostRole } from '@custos/db';
import type { EvidenceRequest, EvidenceService } from '@custos/activities/evidence';
import type { Catalogue } from '@custos/runbooks';
import { statedControls } from '../../activities/test/reports/support/stated-controls.js';

// A month of scan history for one site, written through the real evidence service: hosts are checked
// in batches (one bundle per batch, as scans record them) `scansPerDay` times a day; about 0.5 % of
// checks fail, and each failure is healed by its own heal run (verified, L1) before the next scan.
// Deterministic results: the same options give the same pass/fail pattern (a small PRNG).

export interface MonthShape {
  hosts: number;
  days: number;
  scansPerDay: number;
  batchSize: number;
  month: string;
}

export interface SeededMonth {
  bundles: number;
  /** Check results (host × runbook) … */
  checks: number;
  /** … and the control entries the bundles state for them. */
  controls: number;
  hosts: { id: string; role: HostRole }[];
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** 1 % domain controllers, 4 % servers, the rest workstations (a practice's shape). */
function roleOf(i: number, n: number): HostRole {
  if (i < Math.max(1, Math.round(n / 100))) return 'domain_controller';
  if (i < Math.max(2, Math.round(n / 20))) return 'server';
  return 'workstation';
}

export async function seedMonth(db: Kysely<Database>, service: EvidenceService, catalogue: Catalogue, siteId: string, shape: MonthShape, progress: (done: number, total: number) => void): Promise<SeededMonth> {
  const hosts: { id: string; role: HostRole }[] = [];
  for (let i = 0; i < shape.hosts; i++) {
    const role = roleOf(i, shape.hosts);
    const row = (await upsertHost(db, { kind: 'platform' }, { siteId, hostname: `${role === 'workstation' ? 'WS' : role === 'server' ? 'FS' : 'DC'}${String(i + 1).padStart(3, '0')}`, os: null, role }))!;
    hosts.push({ id: row.id, role });
  }
  const [year, m] = shape.month.split('-').map(Number) as [number, number];
  const since = new Date(Date.UTC(year, m - 2, 1));
  await sql`update sites set created_at = ${since} where id = ${siteId}`.execute(db);
  await sql`update hosts set created_at = ${since} where site_id = ${siteId}`.execute(db);
  const applicable = hosts.map((h) => catalogue.runbooks.filter((r) => r.hostKinds.includes(h.role)).map((r) => r.id));
  const random = prng(20261001);
  let bundles = 0;
  let checks = 0;
  let controls = 0;
  const total = shape.days * shape.scansPerDay;
  for (let day = 1; day <= shape.days; day++) {
    for (let scan = 0; scan < shape.scansPerDay; scan++) {
      const at = Date.UTC(year, m - 1, day, Math.floor((24 / shape.scansPerDay) * scan), 5);
      const requests: EvidenceRequest[] = [];
      for (let b = 0; b < hosts.length; b += shape.batchSize) {
        const runId = randomUUID();
        const finishedAt = new Date(at + b * 1000).toISOString();
        const batch = hosts.slice(b, b + shape.batchSize);
        const results = batch.flatMap((h, i) => applicable[b + i]!.map((id) => ({ id, host: h.id, result: random() < 0.005 ? ('fail' as const) : ('pass' as const) })));
        checks += results.length;
        // As scans state them: one entry per framework control each runbook maps to (scan-record.ts).
        const stated = results.flatMap((r) => statedControls(catalogue, r.host, r.id, r.result));
        controls += stated.length;
        requests.push({ requestKey: `scan:${runId}`, siteId, kind: 'scan', runId, startedAt: finishedAt, finishedAt, controls: stated });
        for (const f of results.filter((r) => r.result === 'fail')) {
          const healRun = randomUUID();
          const healedAt = new Date(at + b * 1000 + 20 * 60_000).toISOString();
          requests.push({ requestKey: `heal:${healRun}`, siteId, kind: 'heal', runId: healRun, startedAt: finishedAt, finishedAt: healedAt, heal: { ofRun: runId, tier: 'L1', actions: [{ runbook: f.id, host: f.host, result: 'applied' }], verified: true } });
        }
      }
      await service.recordBatch(requests);
      bundles += requests.length;
      progress((day - 1) * shape.scansPerDay + scan + 1, total);
    }
  }
  return { bundles, checks, controls, hosts };
}
