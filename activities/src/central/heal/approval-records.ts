/**
 * The approval mirror: the pending plan, bound to the SHA-256 of its canonical JSON, listed for
 * approvers; expiry marked when the SLA ran out. Decisions are recorded by the API after the
 * workflow accepted the `decide` Update.
 */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, type ApprovalPlan, type ApprovalPriority } from '@custos/core';
import { inScope, mirrorPendingApproval } from '@custos/db';
import type { CentralRuntime } from './central-runtime.js';
import { canonicalSha256 } from './canonical-hash.js';
import { siteScope } from '../inventory/site-scope.js';

export interface ApprovalOpening {
  workflowId: string;
  plan: ApprovalPlan;
  priority: ApprovalPriority;
  requestedAt: string;
  expiresAt: string;
}

export function makeApprovalRecords(rt: CentralRuntime) {
  return {
    async openApproval(req: ApprovalOpening): Promise<{ planSha256: string }> {
      const { scope } = await siteScope(rt.db, req.plan.siteId);
      const planSha256 = canonicalSha256(req.plan);
      const row = await mirrorPendingApproval(rt.db, scope, {
        workflowId: req.workflowId,
        siteId: req.plan.siteId,
        plan: req.plan,
        planSha256,
        priority: req.priority,
        requestedAt: new Date(req.requestedAt),
        expiresAt: new Date(req.expiresAt),
      });
      if (!row) throw ApplicationFailure.create({ type: FailureType.NotFound, nonRetryable: true, message: `site ${req.plan.siteId} is out of scope` });
      return { planSha256 };
    },

    async expireApproval(req: { siteId: string; workflowId: string }): Promise<boolean> {
      const { scope } = await siteScope(rt.db, req.siteId);
      const r = await rt.db
        .updateTable('approvals')
        .set({ status: 'expired' })
        .where('workflow_id', '=', req.workflowId)
        .where('status', '=', 'pending')
        .where(inScope(scope, 'approvals'))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
