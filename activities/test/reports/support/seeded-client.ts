import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createUser, upsertHost, type HostRole } from '@custos/db';
import type { Catalogue } from '@custos/runbooks';
import type { EvidenceRequest } from '../../../src/central/evidence/index.js';
import { evidenceTestEnv, type EvidenceTestEnv } from '../../evidence/support.js';
import { publishTrustValidFrom } from './backdated-trust.js';

/** The calendar month (UTC) before the current one, YYYY-MM: what a Schedule started now reports on. */
export function lastMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/**
 * A client with a site and hosts, dated the month before `month`, and `days` days of scans in `month` recorded
 * through the real evidence service (results are given here, not run on a lab: the lab path is
 * packet-from-lab.int.test.ts). For tests of the plumbing around packets: workflow, API, CLI.
 */
export interface SeededClient {
  env: EvidenceTestEnv;
  partnerId: string;
  clientId: string;
  siteId: string;
  hosts: { id: string; name: string; role: HostRole }[];
  owner: { id: string; name: string };
  close(): Promise<void>;
}

const ROLES: HostRole[] = ['domain_controller', 'server', 'workstation', 'workstation'];

export async function seedClient(label: string, catalogue: Catalogue, opts: { hosts?: number; days?: number; month?: string } = {}): Promise<SeededClient> {
  const [year, m] = (opts.month ?? '2026-10').split('-').map(Number) as [number, number];
  const since = new Date(Date.UTC(year, m - 2, 1)).toISOString();
  const env = await evidenceTestEnv(label, { sites: 1 });
  await publishTrustValidFrom(env.service, env.keys, since);
  const { partnerId, clientId, siteId } = env.sites[0]!;
  await sql`update sites set created_at = ${since} where id = ${siteId}`.execute(env.db);
  const hosts = [];
  for (let i = 0; i < (opts.hosts ?? 4); i++) {
    const role = ROLES[i % ROLES.length]!;
    const row = (await upsertHost(env.db, { kind: 'platform' }, { siteId, hostname: `${role === 'workstation' ? 'WS' : role === 'server' ? 'FS' : 'DC'}${String(i + 1).padStart(3, '0')}`, os: null, role }))!;
    hosts.push({ id: row.id, name: row.hostname, role });
  }
  await sql`update hosts set created_at = ${since} where site_id = ${siteId}`.execute(env.db);
  const user = await createUser(env.db, { kind: 'platform' }, { email: `owner-${randomUUID()}@example.test`, displayName: 'Olivia Owner', passwordHash: null, role: 'client_owner', partnerId, clientId, expiresAt: null, grantClientIds: [] });

  // Every applicable runbook passes except the antivirus check on the first workstation from day 3 on.
  const requests: EvidenceRequest[] = [];
  for (let day = 1; day <= (opts.days ?? 5); day++) {
    const finishedAt = new Date(Date.UTC(year, m - 1, day, 6)).toISOString();
    const controls = hosts.flatMap((h, i) =>
      catalogue.runbooks.filter((r) => r.hostKinds.includes(h.role)).map((r) => ({ id: r.id, host: h.id, result: day >= 3 && i === 2 && r.id === 'RB-WIN-AV-001' ? ('fail' as const) : ('pass' as const) })),
    );
    requests.push({ requestKey: `scan:${randomUUID()}`, siteId, kind: 'scan', runId: randomUUID(), startedAt: finishedAt, finishedAt, controls });
  }
  await env.service.recordBatch(requests);
  return { env, partnerId, clientId, siteId, hosts, owner: { id: user.id, name: 'Olivia Owner' }, close: () => env.close() };
}
