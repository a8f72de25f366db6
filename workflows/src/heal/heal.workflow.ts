import { ActivityFailure, allHandlersFinished, condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { HealTier, Outcome, type ApprovalPlan } from '@custos/core';
import type { HealStatus } from '@custos/db';
import { ApprovalGate } from '../approval/approval-gate.js';
import { awaitApproval, registerApprovalHandlers } from '../approval/await-approval.js';
import { notify, titled } from '../approval/notifications.js';
import { centralActivities } from '../proxies.js';
import { carryOut } from './carry-out.js';
import { chooseAction, type ChosenAction } from './choose-action.js';
import { invalidInput } from './failures.js';
import { autoHealable, gateFor } from './gating.js';
import type { HealInput, HealResult } from './heal-types.js';
import { waitForWindow } from './maintenance.js';
import { recordHealEvidence } from './heal-evidence.js';
import { recordHistoryEvidence } from '../evidence/record.js';

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
 * The `decide` Update and `pendingPlan` query answer for the whole run.
 */
export async function heal(input: HealInput): Promise<HealResult> {
  if (!input?.siteId || !input.findingId || !input.host?.hostId || !input.runbookId) throw invalidInput('heal: siteId, findingId, host and runbookId are required');
  const gate = new ApprovalGate();
  registerApprovalHandlers(gate);
  // First thing: however this run ends, its history (with every decision in it) becomes evidence.
  await recordHistoryEvidence(input.siteId);
  const startedAt = new Date(Date.now()).toISOString();
  const central = centralActivities();
  const { workflowId, runId } = workflowInfo();
  const mirror = (tier: HealResult['tier'], status: HealStatus, finished: boolean) =>
    central.mirrorHealState({ workflowId, runId, siteId: input.siteId, findingId: input.findingId, tier, status, finishedAt: finished ? new Date(Date.now()).toISOString() : null });

  const ctx = await central.loadHealContext({ siteId: input.siteId, hostId: input.host.hostId, runbookId: input.runbookId, version: input.version });
  await mirror('L1', 'running', false);
  const result = await healWith(input, ctx, gate, (tier) => mirror(tier, 'awaiting_approval', false));

  await mirror(result.tier, MIRROR_STATUS[result.outcome], true);
  upsertSearchAttributes([
    { key: HealTier, value: result.tier },
    { key: Outcome, value: result.outcome },
  ]);
  if (result.action && result.remediation && ctx.runbook) {
    const facts = await central.describeRunbook({ runbookId: result.action.runbookId, version: result.action.version });
    await central.reportHealOutcome({
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
      autoHealable: facts !== null && autoHealable(facts),
    });
  }
  await recordHealEvidence(input, result, startedAt);
  if (result.outcome === 'escalated') {
    const what = `${input.runbookId} on ${input.host.hostname}`;
    await notify({ kind: 'escalated', siteId: input.siteId, priority: input.severity, level: 0, title: titled('escalated', what), summary: `${what}: ${result.reason}`, facts: { host: input.host.hostname, runbook: input.runbookId, tier: result.tier, workflow: workflowId } });
  }
  await condition(allHandlersFinished);
  return result;
}

type HealContext = Awaited<ReturnType<ReturnType<typeof centralActivities>['loadHealContext']>>;

async function healWith(input: HealInput, ctx: HealContext, gate: ApprovalGate, awaitingApproval: (tier: HealResult['tier']) => Promise<void>): Promise<HealResult> {
  const base: HealResult = { outcome: 'escalated', tier: 'L3', reason: '', ruleId: null, action: null, approval: null, remediation: null, verify: null, rolledBack: false };
  const choice = await chooseAction(input, ctx);
  if (choice.kind === 'paused') return { ...base, outcome: 'skipped', tier: 'L1', reason: 'healing is paused for this site' };
  if (choice.kind === 'escalate') return { ...base, ruleId: choice.ruleId, reason: choice.reason };
  const a = choice.action;
  const acting: HealResult = { ...base, tier: a.tier, ruleId: a.ruleId, action: { runbookId: a.runbook.id, version: a.runbook.version, params: a.params } };

  const gating = gateFor(a.runbook, { chosenBy: a.tier, siteRequiresApproval: ctx.siteRequiresApproval && a.runbook.id === input.runbookId });
  if (gating.approval) {
    await awaitingApproval(a.tier);
    const decided = await awaitApproval(gate, {
      plan: approvalPlan(input, a, gating.window ? ctx.site.maintenanceWindow : null),
      priority: a.priority,
      slaMs: ctx.site.approvalSlaMs[a.priority],
      contactLevels: ctx.site.contactLevels,
      summary: `${a.runbook.title} on ${input.host.hostname}`,
      facts: { host: input.host.hostname, runbook: `${a.runbook.id} v${a.runbook.version}`, tier: a.tier, why: gating.reasons.join('; '), ...(a.rationale ? { rationale: a.rationale } : {}) },
    });
    acting.approval = { outcome: decided.kind, receipt: decided.kind === 'expired' ? null : decided.receipt, planSha256: decided.planSha256 };
    if (decided.kind === 'rejected') return { ...acting, outcome: 'rejected', reason: `rejected by ${decided.receipt.approver.displayName}: ${decided.reason}` };
    if (decided.kind === 'expired') return { ...acting, outcome: 'escalated', reason: 'the approval expired; the finding stays open' };
  }
  if (gating.window) {
    const window = await waitForWindow(ctx.site.maintenanceWindow);
    if (!window.ok) return { ...acting, outcome: 'escalated', reason: window.reason };
  }
  try {
    const done = await carryOut(input, { runbook: a.runbook, params: a.params });
    if (done.kind === 'resolved_elsewhere') return { ...acting, outcome: 'resolved_elsewhere', reason: 'the finding was resolved while the heal waited' };
    if (done.kind === 'healed') return { ...acting, outcome: 'healed', reason: `${a.runbook.id} applied and verified`, remediation: done.remediation, verify: 'pass' };
    return { ...acting, outcome: 'escalated', reason: done.reason, remediation: done.remediation, verify: done.verify, rolledBack: done.rolledBack };
  } catch (err) {
    // A step that failed after its retries (appliance gone, script broken, params refused) leaves
    // the finding open for a person; the failure itself is in this history.
    if (err instanceof ActivityFailure) return { ...acting, outcome: 'escalated', reason: `${a.runbook.id} could not be carried out: ${err.cause?.message ?? err.message}` };
    throw err;
  }
}

function approvalPlan(input: HealInput, a: ChosenAction, window: ApprovalPlan['maintenanceWindow']): ApprovalPlan {
  return {
    siteId: input.siteId,
    hostId: input.host.hostId,
    findingId: input.findingId,
    runbookId: a.runbook.id,
    runbookVersion: a.runbook.version,
    params: a.params,
    tier: a.tier,
    risk: a.runbook.disruptive ? 'high' : a.runbook.requiresApproval ? 'medium' : 'low',
    disruptive: a.runbook.disruptive,
    maintenanceWindow: window,
    rationale: a.rationale,
  };
}
