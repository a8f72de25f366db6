import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { decodeCursor, toPage, type Page } from '../pagination.js';
import { inScope, type Scope } from '../scope.js';
import type { Approval, ApprovalStatus, Severity } from '../tables/operations.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

/** Mirrors a workflow's pending approval for listing (the workflow stays the source of truth). */
export async function mirrorPendingApproval(
  db: Db,
  scope: Scope,
  input: { workflowId: string; siteId: string; plan: unknown; planSha256: string; priority: Severity; requestedAt: Date; expiresAt: Date },
): Promise<Approval | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  return db
    .insertInto('approvals')
    .values({
      workflow_id: input.workflowId,
      partner_id: site.partner_id,
      client_id: site.client_id,
      site_id: site.id,
      plan: JSON.stringify(input.plan),
      plan_sha256: input.planSha256,
      priority: input.priority,
      status: 'pending',
      requested_at: input.requestedAt,
      expires_at: input.expiresAt,
      decided_by: null,
      decided_at: null,
      reason: null,
    })
    .onConflict((oc) =>
      oc.column('workflow_id').doUpdateSet({ plan: JSON.stringify(input.plan), plan_sha256: input.planSha256, expires_at: input.expiresAt }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listApprovals(
  db: Db,
  scope: Scope,
  filter: { status?: ApprovalStatus; siteId?: string; limit: number; cursor?: string },
): Promise<Page<Approval>> {
  let q = db.selectFrom('approvals').selectAll().where(inScope(scope, 'approvals'));
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.cursor !== undefined) {
    const c = decodeCursor(filter.cursor);
    q = q.where(sql<boolean>`(requested_at, id) < (${c.at}, ${c.id})`);
  }
  const rows = await q.orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
  return toPage(rows, filter.limit, (r) => ({ at: r.requested_at, id: r.id }));
}

export function getApproval(db: Db, scope: Scope, id: string): Promise<Approval | undefined> {
  return db.selectFrom('approvals').selectAll().where('id', '=', id).where(inScope(scope, 'approvals')).executeTakeFirst();
}

/** Records the outcome of an accepted `decide` Update on the mirror row. */
export function recordDecision(
  db: Db,
  scope: Scope,
  input: { id: string; status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; reason: string },
): Promise<Approval | undefined> {
  return db
    .updateTable('approvals')
    .set({ status: input.status, decided_by: input.decidedBy, decided_at: input.decidedAt, reason: input.reason })
    .where('id', '=', input.id)
    .where('status', '=', 'pending')
    .where(inScope(scope, 'approvals'))
    .returningAll()
    .executeTakeFirst();
}
