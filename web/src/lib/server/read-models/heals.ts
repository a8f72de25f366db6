import { sql } from 'kysely';
import { inScope, type Scope } from '@custos/db';
import { database } from '../db.js';

export interface HealListRow {
  workflowId: string;
  runId: string | null;
  siteId: string;
  tier: 'L1' | 'L2' | 'L3';
  status: string;
  startedAt: string;
  finishedAt: string | null;
  findingId: string | null;
  hostId: string | null;
  hostname: string | null;
  checkId: string | null;
  severity: string | null;
}

export interface HealFilter {
  siteId?: string;
  hostId?: string;
  status?: string;
  tier?: string;
  page: number;
  pageSize: number;
}

function base(scope: Scope) {
  return database()
    .selectFrom('heals')
    .leftJoin('findings', 'findings.id', 'heals.finding_id')
    .leftJoin('hosts', 'hosts.id', 'findings.host_id')
    .where(inScope(scope, 'heals'));
}

const columns = [
  'heals.workflow_id',
  'heals.run_id',
  'heals.site_id',
  'heals.tier',
  'heals.status',
  'heals.started_at',
  'heals.finished_at',
  'heals.finding_id',
  'findings.host_id',
  'findings.check_id',
  'findings.severity',
  'hosts.hostname',
] as const;

type Raw = { workflow_id: string; run_id: string | null; site_id: string; tier: 'L1' | 'L2' | 'L3'; status: string; started_at: Date; finished_at: Date | null; finding_id: string | null; host_id: string | null; check_id: string | null; severity: string | null; hostname: string | null };

const row = (r: Raw): HealListRow => ({
  workflowId: r.workflow_id,
  runId: r.run_id,
  siteId: r.site_id,
  tier: r.tier,
  status: r.status,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  findingId: r.finding_id,
  hostId: r.host_id,
  hostname: r.hostname,
  checkId: r.check_id,
  severity: r.severity,
});

/**
 * Heals in scope with the finding and host they are about, newest first, a page at a time. (The
 * scoped repository lists heals but pages on a cursor that expects UUID ids, and heals are keyed by
 * workflow id; this is the same scope condition with offset paging.)
 */
export async function listHealRows(scope: Scope, f: HealFilter): Promise<{ rows: HealListRow[]; total: number }> {
  let q = base(scope);
  if (f.siteId) q = q.where('heals.site_id', '=', f.siteId);
  if (f.hostId) q = q.where('findings.host_id', '=', f.hostId);
  if (f.status) q = q.where('heals.status', '=', f.status as Raw['status'] as never);
  if (f.tier) q = q.where('heals.tier', '=', f.tier as Raw['tier']);
  const [rows, count] = await Promise.all([
    q.select([...columns]).orderBy('heals.started_at', 'desc').orderBy('heals.workflow_id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => row(r as Raw)), total: count.n };
}

export async function getHealRow(scope: Scope, workflowId: string): Promise<HealListRow | undefined> {
  const r = await base(scope).select([...columns]).where('heals.workflow_id', '=', workflowId).executeTakeFirst();
  return r ? row(r as Raw) : undefined;
}

/** The approval request a heal made, if any (scoped). */
export async function approvalOfWorkflow(scope: Scope, workflowId: string): Promise<{ id: string; status: string; decidedBy: string | null; decidedAt: string | null; reason: string | null } | undefined> {
  const a = await database()
    .selectFrom('approvals')
    .select(['id', 'status', 'decided_by', 'decided_at', 'reason'])
    .where('workflow_id', '=', workflowId)
    .where(inScope(scope, 'approvals'))
    .executeTakeFirst();
  return a ? { id: a.id, status: a.status, decidedBy: a.decided_by, decidedAt: a.decided_at?.toISOString() ?? null, reason: a.reason } : undefined;
}
