/**
 * A runbook's pass rule: the predicate over a check's JSON output that decides pass or fail.
 * Leaves are conditions (see conditions.ts) whose expected value is either literal (`value`) or
 * one of the runbook's parameters (`param`), so thresholds live in the catalogue's params and a
 * site can tune them without touching the script. Branches combine leaves with all / any / not.
 */
import { compileCondition, ConditionError, type CompiledCondition, type ConditionOp } from './conditions.js';

export interface PassCondition {
  readonly path: string;
  readonly op: ConditionOp;
  readonly value?: unknown;
  /** Name of a runbook parameter whose value is the expected value. */
  readonly param?: string;
}

export type PassRule = PassCondition | { readonly all: readonly PassRule[] } | { readonly any: readonly PassRule[] } | { readonly not: PassRule };

function isBranch<K extends 'all' | 'any' | 'not'>(rule: PassRule, key: K): rule is Extract<PassRule, Record<K, unknown>> {
  return typeof rule === 'object' && rule !== null && key in rule;
}

/** Binds parameters and compiles; `field` of a thrown ConditionError is a dot path inside the rule. */
export function compilePassRule(rule: PassRule, params: Readonly<Record<string, unknown>>, at = ''): CompiledCondition {
  const here = (child: string) => (at ? `${at}.${child}` : child);
  if (isBranch(rule, 'all') || isBranch(rule, 'any')) {
    const key = isBranch(rule, 'all') ? 'all' : 'any';
    const list = (rule as Record<string, unknown>)[key];
    if (!Array.isArray(list) || list.length === 0) throw new ConditionError(here(key), `${key} needs at least one rule`);
    const parts = list.map((r: PassRule, i) => compilePassRule(r, params, here(`${key}.${i}`)));
    return key === 'all' ? (s) => parts.every((p) => p(s)) : (s) => parts.some((p) => p(s));
  }
  if (isBranch(rule, 'not')) {
    const inner = compilePassRule(rule.not, params, here('not'));
    return (s) => !inner(s);
  }
  const leaf = rule as PassCondition;
  if (leaf.param !== undefined && leaf.value !== undefined) throw new ConditionError(here('param'), 'give either value or param, not both');
  let value = leaf.value;
  if (leaf.param !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(params, leaf.param)) throw new ConditionError(here('param'), `unknown parameter "${leaf.param}"`);
    value = params[leaf.param];
  }
  try {
    return compileCondition({ path: leaf.path, op: leaf.op, value });
  } catch (err) {
    if (err instanceof ConditionError) throw new ConditionError(here(leaf.param !== undefined && err.field === 'value' ? 'param' : err.field), err.message);
    throw err;
  }
}

/** Every leaf of a pass rule, for load-time cross-checks (paths against the output schema, params declared). */
export function passRuleLeaves(rule: PassRule): PassCondition[] {
  if (isBranch(rule, 'all')) return rule.all.flatMap(passRuleLeaves);
  if (isBranch(rule, 'any')) return rule.any.flatMap(passRuleLeaves);
  if (isBranch(rule, 'not')) return passRuleLeaves(rule.not);
  return [rule as PassCondition];
}
