/**
 * The L1 rule a pattern would become. It matches failing findings of the pattern's runbook and runs
 * the action L2 kept choosing, at priority 50 — after every hand-written rule (1–25), so a promoted
 * rule only decides what the hand-written rules leave to L2. Approval fields stay empty until a
 * human approves; the proposal's hash covers the rule exactly as shown.
 */
import type { L1Rule } from '@custos/core';
import type { PatternStats } from '@custos/activities/types';

export const PROMOTED_PRIORITY = 50;
export const PROMOTED_COOLDOWN_SECONDS = 600;

export function promotedRuleId(patternId: string): string {
  return `L1-PROMOTED-${patternId.slice(0, 8).toUpperCase()}`;
}

export function proposedRule(stats: PatternStats): L1Rule {
  return {
    id: promotedRuleId(stats.patternId),
    description: `Promoted from L2: ${stats.actionRunbookId} v${stats.actionVersion} healed ${stats.successes} of ${stats.occurrences} ${stats.checkRunbookId} findings`,
    enabled: true,
    priority: PROMOTED_PRIORITY,
    cooldownSeconds: PROMOTED_COOLDOWN_SECONDS,
    match: [
      { path: 'runbookId', op: 'eq', value: stats.checkRunbookId },
      { path: 'status', op: 'eq', value: 'fail' },
    ],
    action: { kind: 'run_runbook', runbook: stats.actionRunbookId, params: stats.params },
    provenance: {
      source: 'promoted',
      pattern: stats.patternId,
      promotedAt: '',
      approvedBy: '',
      occurrences: stats.occurrences,
      l2Resolutions: stats.l2Resolutions,
      successRate: stats.occurrences === 0 ? 0 : stats.successes / stats.occurrences,
    },
  };
}

/** The rule as it goes live: the approver and time filled in. */
export function approvedRule(rule: L1Rule, approvedBy: string, atMs: number): L1Rule {
  if (rule.provenance.source !== 'promoted') throw new Error(`rule ${rule.id} is not a promoted rule`);
  return { ...rule, provenance: { ...rule.provenance, approvedBy, promotedAt: new Date(atMs).toISOString() } };
}
