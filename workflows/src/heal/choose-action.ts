/**
 * L1 → L2 → L3: which action a heal takes, or that a person must act without one. An L1 rule acts
 * only after its cooldown is claimed on the site entity (so two heals never fire the same rule for a
 * host at once); no matching rule goes to the L2 planner; every escalation offers the finding's own
 * catalogue remediation to a person when it has one (L3), and is only a notification otherwise.
 */
import type { EscalationPriority } from '@custos/core';
import type { HealContext, RunbookFacts } from '@custos/activities/types';
import { centralLocalActivities } from '../proxies.js';
import { decideFirstTier } from './first-tier.js';
import type { HealInput } from './heal-types.js';
import { planWithL2 } from './planner.js';
import { workflowInfo } from '@temporalio/workflow';

export interface ChosenAction {
  tier: 'L1' | 'L2' | 'L3';
  ruleId: string | null;
  runbook: RunbookFacts;
  params: Record<string, unknown>;
  /** Why this action: the L2 rationale, or the escalation reason an L3 plan answers. */
  rationale: string | null;
  priority: EscalationPriority;
}

export type Choice = { kind: 'act'; action: ChosenAction } | { kind: 'escalate'; ruleId: string | null; priority: EscalationPriority; reason: string } | { kind: 'paused' };

export async function chooseAction(input: HealInput, ctx: HealContext): Promise<Choice> {
  const central = centralLocalActivities();
  const first = decideFirstTier(ctx, input, Date.now());
  if (first.kind === 'paused') return first;
  let escalation: Extract<Choice, { kind: 'escalate' }>;
  if (first.kind === 'act' && ctx.runbook) {
    const claim = await central.claimL1Cooldown({ siteId: input.siteId, key: first.cooldown.key, until: first.cooldown.until });
    if (claim.granted) return { kind: 'act', action: { tier: 'L1', ruleId: first.ruleId, runbook: ctx.runbook, params: first.params, rationale: null, priority: input.severity } };
    escalation = { kind: 'escalate', ruleId: first.ruleId, priority: input.severity, reason: `${first.ruleId} is cooling down for this host until ${new Date(claim.until).toISOString()}` };
  } else if (first.kind === 'escalate') {
    escalation = { ...first, kind: 'escalate' };
  } else {
    const plan = await planWithL2(input, workflowInfo().workflowId);
    if (plan.kind === 'plan') {
      const facts = await central.describeRunbook({ runbookId: plan.runbookId, version: plan.version });
      if (facts && facts.hasRemediate && facts.healMode !== 'alert-only') {
        return { kind: 'act', action: { tier: 'L2', ruleId: null, runbook: facts, params: plan.params, rationale: plan.rationale, priority: input.severity } };
      }
      escalation = { kind: 'escalate', ruleId: null, priority: input.severity, reason: `L2 chose ${plan.runbookId} v${plan.version}, which is not a remediable catalogue runbook` };
    } else {
      escalation = { kind: 'escalate', ruleId: null, priority: input.severity, reason: plan.reason };
    }
  }
  if (ctx.runbook?.hasRemediate && ctx.runbook.healMode !== 'alert-only') {
    return { kind: 'act', action: { tier: 'L3', ruleId: escalation.ruleId, runbook: ctx.runbook, params: {}, rationale: escalation.reason, priority: escalation.priority } };
  }
  return escalation;
}
