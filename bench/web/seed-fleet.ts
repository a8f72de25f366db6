import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@custos/db';

const DAY = 86_400_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const ROLES = ['domain_controller', 'server', 'workstation'] as const;

type HostRow = { id: string; partner_id: string; client_id: string; site_id: string };

/** A findings row on `host`: open when `resolvedAt` is null. */
function findingRow(host: HostRow, checkId: string, severity: (typeof SEVERITIES)[number], observedAt: Date, resolvedAt: Date | null, summary: string) {
  return {
    partner_id: host.partner_id,
    client_id: host.client_id,
    site_id: host.site_id,
    host_id: host.id,
    check_id: checkId,
    severity,
    status: resolvedAt === null ? ('open' as const) : ('resolved' as const),
    summary,
    observed_at: observedAt,
    resolved_at: resolvedAt,
  };
}

/**
 * A fleet the size the issue names: one partner, `sites` sites over 50 clients, three hosts each, and
 * 90 days of history per site (findings opened and resolved, heals at every tier), inserted in bulk.
 * Check ids are real catalogue runbooks so the scores and trends have controls to count.
 */
export async function seedFleet(db: Kysely<Database>, sites: number, runbookIds: readonly string[]): Promise<{ partnerId: string; siteIds: string[]; clientIds: string[] }> {
  const now = Date.now();
  const partner = await db.insertInto('partners').values({ name: 'Bench MSP', slug: `bench-${randomBytes(3).toString('hex')}` }).returning('id').executeTakeFirstOrThrow();
  const clients = await db
    .insertInto('clients')
    .values(Array.from({ length: 50 }, (_, i) => ({ partner_id: partner.id, name: `Practice ${String(i).padStart(2, '0')}` })))
    .returning('id')
    .execute();
  const siteRows = [];
  for (let from = 0; from < sites; from += 500) {
    siteRows.push(
      ...(await db
        .insertInto('sites')
        .values(Array.from({ length: Math.min(500, sites - from) }, (_, j) => ({ partner_id: partner.id, client_id: clients[(from + j) % clients.length]!.id, name: `Site ${String(from + j).padStart(4, '0')}` })))
        .returning(['id', 'client_id'])
        .execute()),
    );
  }
  const hosts = await db
    .insertInto('hosts')
    .values(siteRows.flatMap((s, i) => ROLES.map((role, k) => ({ partner_id: partner.id, client_id: s.client_id, site_id: s.id, hostname: `H${i}-${k}`, os: 'Windows Server 2022', role, last_seen_at: new Date(now - 3600_000) }))))
    .returning(['id', 'site_id', 'client_id'])
    .execute();
  const findings = [];
  const heals = [];
  for (const [i, h] of hosts.entries()) {
    if (i % 2 === 1) continue;
    for (let k = 0; k < 3; k++) {
      const observed = now - ((i * 7 + k * 13) % 90) * DAY - k * 3600_000;
      const open = (i + k) % 9 === 0;
      findings.push(findingRow({ ...h, partner_id: partner.id }, runbookIds[(i + k) % runbookIds.length]!, SEVERITIES[(i + k) % 4]!, new Date(observed), open ? null : new Date(observed + ((i % 5) + 1) * 60_000), 'bench finding'));
      heals.push({
        workflow_id: `heal:${h.site_id}:${i}-${k}`,
        run_id: null,
        partner_id: partner.id,
        client_id: h.client_id,
        site_id: h.site_id,
        finding_id: null,
        tier: (['L1', 'L1', 'L1', 'L2', 'L3'] as const)[(i + k) % 5]!,
        status: open ? ('escalated' as const) : ('healed' as const),
        started_at: new Date(observed),
        finished_at: new Date(observed + ((i % 5) + 1) * 60_000),
      });
    }
  }
  for (let i = 0; i < findings.length; i += 2000) await db.insertInto('findings').values(findings.slice(i, i + 2000)).execute();
  for (let i = 0; i < heals.length; i += 2000) await db.insertInto('heals').values(heals.slice(i, i + 2000)).execute();
  return { partnerId: partner.id, siteIds: siteRows.map((s) => s.id), clientIds: clients.map((c) => c.id) };
}

/**
 * What a scan round leaves between two page loads: on `count` sites (taken in turn, so every call
 * changes different ones), a new failing check opens a finding and the oldest open one resolves.
 * Those sites' posture records change; the rest stay as they were.
 */
export async function scanRound(db: Kysely<Database>, siteIds: readonly string[], count: number, round: number, runbookIds: readonly string[]): Promise<void> {
  const chosen = Array.from({ length: Math.min(count, siteIds.length) }, (_, i) => siteIds[(round * count + i) % siteIds.length]!);
  const hosts = await db.selectFrom('hosts').select(['id', 'site_id', 'client_id', 'partner_id']).where('site_id', 'in', chosen).where('role', '=', 'workstation').execute();
  const now = new Date();
  await db
    .insertInto('findings')
    .values(hosts.map((h, i) => findingRow(h, runbookIds[(round + i) % runbookIds.length]!, SEVERITIES[(round + i) % 4]!, now, null, 'bench scan round')))
    .execute();
  const oldest = await db
    .selectFrom('findings')
    .select(['id'])
    .distinctOn('site_id')
    .where('site_id', 'in', chosen)
    .where('status', '=', 'open')
    .where('observed_at', '<', now)
    .orderBy('site_id')
    .orderBy('observed_at')
    .execute();
  if (oldest.length) await db.updateTable('findings').set({ status: 'resolved', resolved_at: now }).where('id', 'in', oldest.map((f) => f.id)).execute();
}
