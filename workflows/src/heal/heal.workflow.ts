import { allHandlersFinished, condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { HealTier, Outcome } from '@custos/core';
import type { HealStatus } from '@custos/db';
import { ApprovalGate } from '../approval/approval-gate.js';
import { registerApprovalHandlers } from '../approval/await-approval.js';
import { notify, titled } from '../approval/notifications.js';
import { recordHistoryEvidence } from '../evidence/record.js';
import { centralLocalActivities } from '../proxies.js';
import { invalidInput } from './failures.js';
import { autoHealable } from './gating.js';
import { recordHealEvidence } from './heal-evidence.js';
import { healWith } from './heal-path.js';
import type { HealInput, HealResult } from './heal-types.js';

const MIRROR_STATUS: Record<HealResult['outcome'], HealStatus> = {
  healed: 'healed',
  escalated: 'escalated',
  rejected: 'rejected',
  resolved_elsewhere: 'healed',
  skipped: 'escalated',
};

/**
 * Heals one finding: L1 rules, else the L2 planner, else a person (L3); approval for anything
 * disruptive, approval-gated or escalated, then the site's maintenance window where the runbook
 * needs one; remediate once, verify, roll back on a failed verify. Only a passing verify is a heal.
 * The `decide` Update and `pendingPlan` query answer for the whole run. Independent steps run
 * together (history export, context, mirrors, evidence), so drift is fixed with few round trips.
 */
export async function heal(input: HealInput): Promise<HealResult> {
  if (!input?.siteId || !input.findingId || !input.host?.hostId || !input.runbookId) throw invalidInput('heal: siteId, findingId, host and runbookId are required');
  const gate = new ApprovalGate();
  registerApprovalHandlers(gate);
  const startedAt = new Date(Date.now()).toISOString();
  const central = centralLocalActivities();
  const { workflowId, runId } = workflowInfo();
  const mirror = (tier: HealResult['tier'], status: HealStatus, finished: boolean) =>
    central.mirrorHealState({ workflowId, runId, siteId: input.siteId, findingId: input.findingId, tier, status, finishedAt: finished ? new Date(Date.now()).toISOString() : null });

  // However this run ends, its history (with every decision in it) becomes evidence.
  const [, ctx] = await Promise.all([
    recordHistoryEvidence(input.siteId),
    central.loadHealContext({ siteId: input.siteId, hostId: input.host.hostId, runbookId: input.runbookId, version: input.version }),
    mirror('L1', 'running', false),
  ]);
  const { result, ran } = await healWith(input, ctx, gate, (tier) => mirror(tier, 'awaiting_approval', false));

  upsertSearchAttributes([
    { key: HealTier, value: result.tier },
    { key: Outcome, value: result.outcome },
  ]);
  const what = `${input.runbookId} on ${input.host.hostname}`;
  await Promise.all([
    mirror(result.tier, MIRROR_STATUS[result.outcome], true),
    recordHealEvidence(input, result, startedAt),
    // The flywheel learns from every action that ran, judged by its verify.
    ran && result.action
      ? central.reportHealOutcome({
          healWorkflowId: workflowId,
          siteId: input.siteId,
          at: Date.now(),
          checkRunbookId: input.runbookId,
          actionRunbookId: result.action.runbookId,
          actionVersion: result.action.version,
          params: result.action.params,
          tier: result.tier,
          ruleId: result.ruleId,
          success: result.outcome === 'healed',
          autoHealable: autoHealable(ran),
        })
      : undefined,
    result.outcome === 'escalated'
      ? notify({ kind: 'escalated', siteId: input.siteId, priority: input.severity, level: 0, title: titled('escalated', what), summary: `${what}: ${result.reason}`, facts: { host: input.host.hostname, runbook: input.runbookId, tier: result.tier, workflow: workflowId } })
      : undefined,
  ]);
  await condition(allHandlersFinished);
  return result;
}
