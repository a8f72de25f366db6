/**
 * Decides one failing finding with the L1 rule set: the first enabled rule (by priority, then id)
 * whose conditions all hold. Pure and synchronous, so a workflow can call it directly; the caller
 * passes the time and the cooldowns it has recorded, and records the claim a fired rule returns.
 */
import type { L1RuleSet } from './l1-compile.js';
import type { L1Decision, L1Finding } from './l1-rule.js';

/** Cooldowns are per (rule, host). */
export function cooldownKey(ruleId: string, hostId: string): string {
  return `${ruleId}\u0000${hostId}`;
}

/** Epoch ms until which a (rule, host) is quiet; absent or past means it may fire. */
export type CooldownLookup = ReadonlyMap<string, number>;

const NO_MATCH: L1Decision = { kind: 'no_match' };

export function decideL1(ruleSet: L1RuleSet, finding: L1Finding, cooldowns: CooldownLookup, nowMs: number): L1Decision {
  const candidates = ruleSet.byRunbook.get(finding.runbookId);
  if (!candidates) return NO_MATCH;
  for (const { rule, conditions } of candidates) {
    let matched = true;
    for (const condition of conditions) {
      if (!condition(finding)) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    const key = cooldownKey(rule.id, finding.hostId);
    const quietUntil = cooldowns.get(key);
    // No fall-through to a lower rule while cooling down: which rule acts must not depend on timing.
    if (quietUntil !== undefined && quietUntil > nowMs) return { kind: 'cooling_down', ruleId: rule.id, until: quietUntil };
    const cooldown = { key, until: nowMs + rule.cooldownSeconds * 1000 };
    const action = rule.action;
    return action.kind === 'run_runbook'
      ? { kind: 'run_runbook', ruleId: rule.id, runbookId: action.runbook, params: action.params, cooldown }
      : { kind: 'escalate', ruleId: rule.id, priority: action.priority, reason: action.reason, cooldown };
  }
  return NO_MATCH;
}
