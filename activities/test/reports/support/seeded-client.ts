import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createUser, upsertHost, type HostRole } from '@custos/db';
import type { Catalogue } from '@custos/runbooks';
import type { EvidenceRequest } from '../../../src/central/evidence/index.js';
import { evidenceTestEnv, type EvidenceTestEnv } from '../../evidence/support.js';
import { publishTrustValidFrom } from './backdated-trust.js';
import { statedControls } from './stated-controls.js';

/** The calendar month (UTC) before the current one, YYYY-MM: what a Schedule started now reports on. */
export function lastMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/**
 * A client with a site and hosts, dated the month before `month`, and `days` days of scans in
 * `month` recorded through the real evidence service (results are given here, not run on a lab: the
 * lab path is packet-from-lab.int.test.ts). For tests of the plumbing around packets: workflow, API, CLI.
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

export interface SiteHistory {
  hosts: { id: string; name: string; role: HostRole }[];
}

/**
 * Hosts (dated `since`) at a site and `days` days of scans in `month`: every applicable runbook
 * passes except the antivirus check on the first workstation from day 3 on.
 */
export async function seedSiteHistory(env: EvidenceTestEnv, catalogue: Catalogue, siteId: string, opts: { hosts?: number; days?: number; month: string; since: string }): Promise<SiteHistory> {
  const [year, m] = opts.month.split('-').map(Number) as [number, number];
  await sql`update sites set created_at = ${opts.since} where id = ${siteId}`.execute(env.db);
  const hosts = [];
  for (let i = 0; i < (opts.hosts ?? 4); i++) {
    const role = ROLES[i % ROLES.length]!;
    const row = (await upsertHost(env.db, { kind: 'platform' }, { siteId, hostname: `${role === 'workstation' ? 'WS' : role === 'server' ? 'FS' : 'DC'}${String(i + 1).padStart(3, '0')}`, os: null, role }))!;
    hosts.push({ id: row.id, name: row.hostname, role });
  }
  await sql`update hosts set created_at = ${opts.since} where site_id = ${siteId}`.execute(env.db);
  const requests: EvidenceRequest[] = [];
  for (let day = 1; day <= (opts.days ?? 5); day++) {
    const finishedAt = new Date(Date.UTC(year, m - 1, day, 6)).toISOString();
    const controls = hosts.flatMap((h, i) =>
      catalogue.runbooks.filter((r) => r.hostKinds.includes(h.role)).flatMap((r) => statedControls(catalogue, h.id, r.id, day >= 3 && i === 2 && r.id === 'RB-WIN-AV-001' ? 'fail' : 'pass')),
    );
    requests.push({ requestKey: `scan:${randomUUID()}`, siteId, kind: 'scan', runId: randomUUID(), startedAt: finishedAt, finishedAt, controls });
  }
  await env.service.recordBatch(requests);
  return { hosts };
}

/** The month before the first of `month`, as an ISO time: when keys and inventory start. */
export const monthBefore = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 2, 1)).toISOString();
};

export async function seedClient(label: string, catalogue: Catalogue, opts: { hosts?: number; days?: number; month?: string } = {}): Promise<SeededClient> {
  const month = opts.month ?? '2026-10';
  const since = monthBefore(month);
  const env = await evidenceTestEnv(label, { sites: 1 });
  await publishTrustValidFrom(env.service, env.keys, since);
  const { partnerId, clientId, siteId } = env.sites[0]!;
  const { hosts } = await seedSiteHistory(env, catalogue, siteId, { ...opts, month, since });
  const user = await createUser(env.db, { kind: 'platform' }, { email: `owner-${randomUUID()}@example.test`, displayName: 'Olivia Owner', passwordHash: null, role: 'client_owner', partnerId, clientId, expiresAt: null, grantClientIds: [] });
  return { env, partnerId, clientId, siteId, hosts, owner: { id: user.id, name: 'Olivia Owner' }, close: () => env.close() };
}
