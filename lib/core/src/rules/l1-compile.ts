/**
 * Turns L1 rule data into a decision-ready rule set, or fails listing every problem. Invariants
 * (each one a bug the original platform shipped, see reference seed.md §9.2):
 * - at least one condition, and one of them `runbookId eq <id>` — an empty match list once matched
 *   every incident;
 * - a `run_runbook` rule runs the runbook of the finding it matched — no firewall finding healed
 *   by the lockout runbook;
 * - operators and values are checked here, so a bad rule fails the load instead of a decision.
 * Catalogue-level checks (the runbook exists, params fit its schema, it is not alert-only or
 * approval-gated) are done by the runbook catalogue loader, which knows the runbooks.
 */
import { compileCondition, ConditionError, type CompiledCondition } from './conditions.js';
import { ESCALATION_PRIORITIES, type L1Rule } from './l1-rule.js';

export interface RuleProblem {
  readonly index: number;
  readonly ruleId: string | undefined;
  /** Dot path inside the rule, e.g. `match.1.value`. */
  readonly field: string;
  readonly message: string;
}

export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
  constructor(readonly problems: readonly RuleProblem[]) {
    super(`${problems.length} problem(s) in L1 rules:\n` + problems.map((p) => `  ${p.ruleId ?? `#${p.index}`} ${p.field}: ${p.message}`).join('\n'));
  }
}

export interface CompiledRule {
  readonly rule: L1Rule;
  readonly conditions: readonly CompiledCondition[];
}

export interface L1RuleSet {
  /** Enabled rules per runbook id, in decision order (priority, then id). */
  readonly byRunbook: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly size: number;
}

const RULE_ID = /^L1-[A-Z0-9]+(-[A-Z0-9]+)*$/;

export function compileL1Rules(rules: readonly L1Rule[]): L1RuleSet {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  const compiled: CompiledRule[] = [];
  rules.forEach((rule, index) => {
    const ruleId = typeof rule?.id === 'string' ? rule.id : undefined;
    const problem = (field: string, message: string) => problems.push({ index, ruleId, field, message });
    if (!ruleId || !RULE_ID.test(ruleId)) problem('id', 'id must look like L1-WIN-FIREWALL-001');
    else if (seen.has(ruleId)) problem('id', `duplicate rule id "${ruleId}"`);
    else seen.add(ruleId);
    if (typeof rule.enabled !== 'boolean') problem('enabled', 'enabled must be true or false');
    if (!Number.isInteger(rule.priority) || rule.priority < 0) problem('priority', 'priority must be an integer ≥ 0');
    if (!Number.isInteger(rule.cooldownSeconds) || rule.cooldownSeconds < 0) problem('cooldownSeconds', 'cooldownSeconds must be an integer ≥ 0');

    const conditions: CompiledCondition[] = [];
    const match = Array.isArray(rule.match) ? rule.match : [];
    if (match.length === 0) problem('match', 'a rule needs at least one condition (an empty match would match every finding)');
    match.forEach((c, i) => {
      try {
        conditions.push(compileCondition(c));
      } catch (err) {
        if (!(err instanceof ConditionError)) throw err;
        problem(err.field ? `match.${i}.${err.field}` : `match.${i}`, err.message);
      }
    });
    const pinned = match.filter((c) => c?.path === 'runbookId' && c.op === 'eq' && typeof c.value === 'string').map((c) => c.value as string);
    if (match.length > 0 && pinned.length !== 1) problem('match', 'exactly one condition must be `runbookId eq <runbook id>`');

    const action = rule.action;
    if (action?.kind === 'run_runbook') {
      if (typeof action.runbook !== 'string' || action.runbook.length === 0) problem('action.runbook', 'run_runbook needs a runbook id');
      else if (pinned.length === 1 && pinned[0] !== action.runbook) {
        problem('action.runbook', `runs ${action.runbook} but matches findings of ${pinned[0]}; a rule heals the runbook it matched`);
      }
      if (action.params === null || typeof action.params !== 'object' || Array.isArray(action.params)) problem('action.params', 'params must be an object');
    } else if (action?.kind === 'escalate') {
      if (!ESCALATION_PRIORITIES.includes(action.priority)) problem('action.priority', `priority must be one of ${ESCALATION_PRIORITIES.join(', ')}`);
      if (typeof action.reason !== 'string' || action.reason.trim().length === 0) problem('action.reason', 'escalate needs a reason a human can read');
    } else {
      problem('action.kind', 'action.kind must be run_runbook or escalate');
    }
    const source = (rule.provenance as { source?: unknown } | undefined)?.source;
    if (source !== 'hand-written' && source !== 'promoted') problem('provenance.source', 'provenance.source must be hand-written or promoted');

    if (rule.enabled === true && pinned.length === 1) compiled.push({ rule, conditions });
  });
  if (problems.length > 0) throw new RuleSetError(problems);

  compiled.sort((a, b) => a.rule.priority - b.rule.priority || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  const byRunbook = new Map<string, CompiledRule[]>();
  for (const c of compiled) {
    const runbookId = c.rule.match.find((m) => m.path === 'runbookId' && m.op === 'eq')!.value as string;
    const list = byRunbook.get(runbookId) ?? [];
    list.push(c);
    byRunbook.set(runbookId, list);
  }
  return { byRunbook, size: compiled.length };
}
