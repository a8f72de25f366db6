import { describe, expect, it } from 'vitest';
import { ConditionError } from './conditions.js';
import { compilePassRule, passRuleLeaves, type PassRule } from './pass-rule.js';

describe('pass rules', () => {
  const screenLock: PassRule = {
    any: [
      { all: [{ path: 'inactivityTimeoutSecs', op: 'gte', value: 1 }, { path: 'inactivityTimeoutSecs', op: 'lte', param: 'maxSeconds' }] },
      { not: { path: 'machinePolicyMissing', op: 'eq', value: true } },
    ],
  };

  it('binds parameters as expected values', () => {
    const strict = compilePassRule(screenLock, { maxSeconds: 600 });
    expect(strict({ inactivityTimeoutSecs: 900, machinePolicyMissing: true })).toBe(false);
    expect(strict({ inactivityTimeoutSecs: 300, machinePolicyMissing: true })).toBe(true);
    const lax = compilePassRule(screenLock, { maxSeconds: 900 });
    expect(lax({ inactivityTimeoutSecs: 900, machinePolicyMissing: true })).toBe(true);
    expect(lax({ inactivityTimeoutSecs: 0, machinePolicyMissing: false })).toBe(true);
  });

  it('fails closed on missing fields', () => {
    const rule = compilePassRule({ path: 'disabledCount', op: 'eq', value: 0 }, {});
    expect(rule({})).toBe(false);
  });

  it('names the failing place inside the rule', () => {
    const attempt = (rule: PassRule, params = {}) => {
      try {
        compilePassRule(rule, params);
        return 'compiled';
      } catch (err) {
        return err instanceof ConditionError ? err.field : 'other';
      }
    };
    expect(attempt(screenLock, {})).toBe('any.0.all.1.param');
    expect(attempt(screenLock, { maxSeconds: 'x' })).toBe('any.0.all.1.param');
    expect(attempt({ all: [] })).toBe('all');
    expect(attempt({ path: 'a', op: 'eq', value: 1, param: 'p' }, { p: 1 })).toBe('param');
  });

  it('lists its leaves', () => {
    expect(passRuleLeaves(screenLock).map((l) => l.path)).toEqual(['inactivityTimeoutSecs', 'inactivityTimeoutSecs', 'machinePolicyMissing']);
  });
});
