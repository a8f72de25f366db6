import type { Kysely } from 'kysely';
import type { ApprovalPlan, ApprovalRecord } from '@custos/core';
import type { Database } from '@custos/db';
import { canonicalSha256 } from '../../heal/canonical-hash.js';
import type { HealDecision } from '../evidence/evidence-facts.js';
import type { ClientScope } from './client-scope.js';

/**
 * Heal approvals decided in the period, from their signed decisions. The approver's name comes from
 * the users table (evidence holds opaque ids only). The runbook, when the heal bundle is not in the
 * evidence yet, and the approver's stated reason come from the approval record whose plan hashes to
 * the plan hash the decision signs — so they are the plan and reason of exactly that decision.
 */
export async function approvalRecords(db: Kysely<Database>, scope: ClientScope, decisions: readonly HealDecision[], period: { from: string; to: string }): Promise<ApprovalRecord[]> {
  const inPeriod = decisions.filter((d) => d.decidedAt >= period.from && d.decidedAt < period.to);
  if (inPeriod.length === 0) return [];
  const approvers = [...new Set(inPeriod.map((d) => d.approverId))];
  const userIds = approvers.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id));
  const names = new Map(userIds.length === 0 ? [] : (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.display_name]));
  const rows = await db
    .selectFrom('approvals')
    .select(['plan', 'plan_sha256', 'reason', 'decided_by'])
    .where('client_id', '=', scope.clientIds[0]!)
    .where('partner_id', '=', scope.partnerId)
    .where('plan_sha256', 'in', [...new Set(inPeriod.map((d) => d.planSha256))])
    .execute();
  const byPlan = new Map<string, { plan: ApprovalPlan; reason: string | null; decidedBy: string | null }>();
  for (const r of rows) {
    const plan = (typeof r.plan === 'string' ? JSON.parse(r.plan) : r.plan) as ApprovalPlan;
    // A row whose plan does not hash to its recorded hash says nothing about the signed decision.
    if (canonicalSha256(plan) === r.plan_sha256) byPlan.set(r.plan_sha256, { plan, reason: r.reason, decidedBy: r.decided_by });
  }
  return inPeriod.map((d): ApprovalRecord => {
    const row = byPlan.get(d.planSha256);
    const reason = row && row.decidedBy === d.approverId ? row.reason : null;
    return {
      incidentId: d.incidentId ?? `heal:${d.healRunId}`,
      runbookId: d.runbookId ?? row?.plan.runbookId ?? 'unknown runbook',
      decision: d.decision === 'approved' ? 'approve' : 'reject',
      approver: names.get(d.approverId) ?? `user ${d.approverId}`,
      decidedAt: d.decidedAt,
      ...(reason ? { reason } : {}),
    };
  });
}
