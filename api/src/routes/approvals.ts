import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Decision } from '@custos/core';
import { getApproval, listApprovals, recordDecision, type Approval } from '@custos/db';
import { ApiError } from '../errors.js';
import { scope, temporalIdentity, userOf } from '../auth/request.js';
import { audit } from '../plugins/audit.js';
import { DecisionRefused, WorkflowMissing } from '../temporal/gateway.js';
import { DateTime, errorResponses, IdParams, Nullable, PageQuery, SafeText, Severity, Uuid } from '../schemas/common.js';

const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('expired')]);
const ApprovalView = Type.Object({
  id: Uuid,
  workflowId: Type.String(),
  siteId: Uuid,
  clientId: Uuid,
  plan: Type.Unknown({ description: 'the plan exactly as it will run (ApprovalPlan)' }),
  planSha256: Type.String(),
  priority: Severity,
  status: Status,
  requestedAt: DateTime,
  expiresAt: DateTime,
  decidedBy: Nullable(Uuid),
  decidedAt: Nullable(DateTime),
  reason: Nullable(Type.String()),
});
const DecideBody = Type.Object(
  { planSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'hash of the plan you were shown' }), reason: SafeText(1000) },
  { additionalProperties: false },
);
const Receipt = Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), planSha256: Type.String(), decidedAt: DateTime, approval: ApprovalView });

const view = (a: Approval) => ({
  id: a.id,
  workflowId: a.workflow_id,
  siteId: a.site_id,
  clientId: a.client_id,
  plan: a.plan,
  planSha256: a.plan_sha256,
  priority: a.priority,
  status: a.status,
  requestedAt: a.requested_at.toISOString(),
  expiresAt: a.expires_at.toISOString(),
  decidedBy: a.decided_by,
  decidedAt: a.decided_at?.toISOString() ?? null,
  reason: a.reason,
});

/**
 * Pending approvals (listed from the mirror table) and decisions, which go to the waiting workflow
 * as its `decide` Update under the approver's own Temporal identity. The workflow is the source
 * of truth: the mirror row changes only after the Update was accepted. Refusals — by role, by
 * tenancy or by the workflow's validator — leave no history event, so they go to the audit log.
 */
export const approvalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;

  app.get(
    '/approvals',
    {
      config: { auth: 'user', action: 'approvals.read' },
      schema: {
        tags: ['approvals'],
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(Status), siteId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ApprovalView), nextCursor: Nullable(Type.String()) }), ...errorResponses },
      },
    },
    async (request) => {
      const r = await listApprovals(db, scope(request), request.query);
      return { items: r.items.map(view), nextCursor: r.nextCursor };
    },
  );

  app.get(
    '/approvals/:id',
    { config: { auth: 'user', action: 'approvals.read' }, schema: { tags: ['approvals'], params: IdParams, response: { 200: ApprovalView, ...errorResponses } } },
    async (request) => {
      const a = await getApproval(db, scope(request), request.params.id);
      if (!a) throw new ApiError('not_found');
      return view(a);
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/approvals/:id/${decision}`,
      {
        config: { auth: 'user', action: 'approvals.decide' },
        schema: { tags: ['approvals'], params: IdParams, body: DecideBody, response: { 200: Receipt, 503: errorResponses[400], ...errorResponses } },
      },
      async (request) => {
        const user = userOf(request);
        const approval = await getApproval(db, scope(request), request.params.id);
        if (!approval) throw new ApiError('not_found');
        if (approval.status !== 'pending') throw new ApiError('conflict', `the approval is already ${approval.status}`);
        const sent: Decision = {
          decision,
          planSha256: request.body.planSha256,
          reason: request.body.reason,
          approver: { userId: user.userId, displayName: user.displayName },
        };
        let receipt;
        try {
          receipt = await app.deps.workflows.decide(approval.workflow_id, sent, temporalIdentity(user));
        } catch (err) {
          if (err instanceof DecisionRefused) throw new ApiError('approval_refused', `the workflow refused the decision: ${err.message}`);
          if (err instanceof WorkflowMissing) throw new ApiError('conflict', 'the workflow waiting for this approval is no longer running');
          request.log.error({ err }, 'decide update failed');
          throw new ApiError('workflow_unavailable');
        }
        const updated = await db.transaction().execute(async (trx) => {
          const row = await recordDecision(trx, scope(request), {
            id: approval.id,
            status: decision === 'approve' ? 'approved' : 'rejected',
            decidedBy: user.userId,
            decidedAt: new Date(receipt.decidedAt),
            reason: request.body.reason,
          });
          await audit(trx, request, {
            action: `approvals.${decision}`,
            target: { kind: 'approval', id: approval.id },
            tenant: { partnerId: approval.partner_id, clientId: approval.client_id },
            detail: { workflowId: approval.workflow_id, planSha256: receipt.planSha256 },
          });
          return row ?? approval;
        });
        return { decision: receipt.decision, planSha256: receipt.planSha256, decidedAt: receipt.decidedAt, approval: view(updated) };
      },
    );
  }
};
