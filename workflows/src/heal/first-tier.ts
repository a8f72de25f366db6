/**
 * L1 for one finding, fail-closed: the compiled rule set decides, and anything that is not a clean
 * "run this runbook" is an escalation or a hand-off to L2 — never a heal. A rule set that does not
 * compile escalates (the original platform silently skipped unloadable rules), an `escalate` rule
 * escalates (it counted 1,137 such findings as "L1 healed"), and a rule still cooling down for the
 * host means the drift came back: a person should look.
 */
import { compileL1Rules, decideL1, RuleSetError, type EscalationPriority, type L1Finding, type L1RuleSet } from '@custos/core';
import type { HealContext } from '@custos/activities/types';
import type { HealInput } from './heal-types.js';

export type FirstTierDecision =
  | { kind: 'act'; ruleId: string; runbookId: string; params: Record<string, unknown>; cooldown: { key: string; until: number } }
  | { kind: 'escalate'; ruleId: string | null; priority: EscalationPriority; reason: string }
  | { kind: 'no_rule' }
  | { kind: 'paused' };

export function findingFor(input: HealInput): L1Finding {
  return {
    runbookId: input.runbookId,
    runbookVersion: input.version,
    hostId: input.host.hostId,
    hostKind: input.host.kind,
    siteId: input.siteId,
    severity: input.severity,
    status: 'fail',
    output: input.output,
    attempt: 0,
  };
}

export function decideFirstTier(ctx: HealContext, input: HealInput, nowMs: number): FirstTierDecision {
  if (ctx.healingPaused) return { kind: 'paused' };
  const priority = input.severity;
  if (!ctx.runbook) return { kind: 'escalate', ruleId: null, priority, reason: `runbook ${input.runbookId} v${input.version} is not in central's catalogue` };
  if (ctx.runbook.healMode === 'alert-only') return { kind: 'escalate', ruleId: null, priority, reason: `${ctx.runbook.id} is alert-only: a person has to fix it` };
  let rules: L1RuleSet;
  try {
    rules = compileL1Rules(ctx.rules);
  } catch (err) {
    const detail = err instanceof RuleSetError ? err.problems.map((p) => `${p.ruleId ?? `#${p.index}`} ${p.field}: ${p.message}`).join('; ') : String(err);
    return { kind: 'escalate', ruleId: null, priority, reason: `the L1 rules for ${input.runbookId} do not compile: ${detail}` };
  }
  const d = decideL1(rules, findingFor(input), new Map(ctx.cooldowns), nowMs);
  switch (d.kind) {
    case 'run_runbook':
      return { kind: 'act', ruleId: d.ruleId, runbookId: d.runbookId, params: { ...d.params }, cooldown: d.cooldown };
    case 'escalate':
      return { kind: 'escalate', ruleId: d.ruleId, priority: d.priority, reason: d.reason };
    case 'cooling_down':
      return { kind: 'escalate', ruleId: d.ruleId, priority, reason: `${d.ruleId} already fixed this on this host until ${new Date(d.until).toISOString()} and the drift is back` };
    case 'no_match':
      return { kind: 'no_rule' };
  }
}
