/**
 * The path of one heal once its context is known: choose (L1 → L2 → L3), gate (approval, window),
 * carry out (remediate once, verify, roll back). Returns what happened and the facts of the runbook
 * that ran, for the flywheel.
 */
import { ActivityFailure } from '@temporalio/workflow';
import type { ApprovalPlan } from '@custos/core';
import type { HealContext, RunbookFacts } from '@custos/activities/types';
import type { ApprovalGate } from '../approval/approval-gate.js';
import { awaitApproval } from '../approval/await-approval.js';
import { carryOut } from './carry-out.js';
import { chooseAction, type ChosenAction } from './choose-action.js';
import { gateFor } from './gating.js';
import type { HealInput, HealResult } from './heal-types.js';
import { waitForWindow } from './maintenance.js';

export async function healWith(input: HealInput, ctx: HealContext, gate: ApprovalGate, awaitingApproval: (tier: HealResult['tier']) => Promise<void>): Promise<{ result: HealResult; ran: RunbookFacts | null }> {
  const base: HealResult = { outcome: 'escalated', tier: 'L3', reason: '', ruleId: null, action: null, approval: null, remediation: null, verify: null, rolledBack: false };
  const choice = await chooseAction(input, ctx);
  if (choice.kind === 'paused') return { result: { ...base, outcome: 'skipped', tier: 'L1', reason: 'healing is paused for this site' }, ran: null };
  if (choice.kind === 'escalate') return { result: { ...base, ruleId: choice.ruleId, reason: choice.reason }, ran: null };
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
    if (decided.kind === 'rejected') return { result: { ...acting, outcome: 'rejected', reason: `rejected by ${decided.receipt.approver.displayName}: ${decided.reason}` }, ran: null };
    if (decided.kind === 'expired') return { result: { ...acting, outcome: 'escalated', reason: 'the approval expired; the finding stays open' }, ran: null };
  }
  if (gating.window) {
    const window = await waitForWindow(ctx.site.maintenanceWindow);
    if (!window.ok) return { result: { ...acting, outcome: 'escalated', reason: window.reason }, ran: null };
  }
  try {
    // A finding can only have been fixed by someone else while the heal waited for a person or a window.
    const done = await carryOut(input, { runbook: a.runbook, params: a.params }, { recheckFinding: gating.approval || gating.window });
    if (done.kind === 'resolved_elsewhere') return { result: { ...acting, outcome: 'resolved_elsewhere', reason: 'the finding was resolved while the heal waited' }, ran: null };
    if (done.kind === 'healed') return { result: { ...acting, outcome: 'healed', reason: `${a.runbook.id} applied and verified`, remediation: done.remediation, verify: 'pass' }, ran: a.runbook };
    return { result: { ...acting, outcome: 'escalated', reason: done.reason, remediation: done.remediation, verify: done.verify, rolledBack: done.rolledBack }, ran: a.runbook };
  } catch (err) {
    // A step that failed after its retries (appliance gone, script broken, params refused) leaves
    // the finding open for a person; the failure itself is in this history.
    if (err instanceof ActivityFailure) return { result: { ...acting, outcome: 'escalated', reason: `${a.runbook.id} could not be carried out: ${err.cause?.message ?? err.message}` }, ran: null };
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
