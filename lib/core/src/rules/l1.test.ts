import { describe, expect, it } from 'vitest';
import { compileL1Rules, RuleSetError } from './l1-compile.js';
import { cooldownKey, decideL1 } from './l1-decide.js';
import type { L1Finding, L1Rule } from './l1-rule.js';

const provenance = { source: 'hand-written', author: 'custos', since: '2026-11-27' } as const;

function rule(over: Partial<L1Rule> & Pick<L1Rule, 'id'>): L1Rule {
  return {
    description: 'test rule',
    enabled: true,
    priority: 10,
    cooldownSeconds: 600,
    match: [{ path: 'runbookId', op: 'eq', value: 'RB-WIN-AV-001' }],
    action: { kind: 'run_runbook', runbook: 'RB-WIN-AV-001', params: {} },
    provenance,
    ...over,
  };
}

const finding: L1Finding = { runbookId: 'RB-WIN-AV-001', hostId: 'h1', status: 'fail', output: { signatureAgeDays: 12, tamperProtected: true } };
const NOW = 1_800_000_000_000;

describe('L1 decisions', () => {
  it('picks the first match by priority, then id', () => {
    const set = compileL1Rules([
      rule({ id: 'L1-B', priority: 20 }),
      rule({ id: 'L1-C', priority: 5, match: [{ path: 'runbookId', op: 'eq', value: 'RB-WIN-AV-001' }, { path: 'output.signatureAgeDays', op: 'gt', value: 30 }] }),
      rule({ id: 'L1-A2', priority: 10, action: { kind: 'escalate', priority: 'high', reason: 'tamper protection blocks changes' }, match: [{ path: 'runbookId', op: 'eq', value: 'RB-WIN-AV-001' }, { path: 'output.tamperProtected', op: 'eq', value: true }] }),
      rule({ id: 'L1-A1', priority: 10, enabled: false }),
    ]);
    expect(set.size).toBe(3);
    const d = decideL1(set, finding, new Map(), NOW);
    expect(d).toEqual({ kind: 'escalate', ruleId: 'L1-A2', priority: 'high', reason: 'tamper protection blocks changes', cooldown: { key: cooldownKey('L1-A2', 'h1'), until: NOW + 600_000 } });
    const noTamper = { ...finding, output: { signatureAgeDays: 12, tamperProtected: false } };
    expect(decideL1(set, noTamper, new Map(), NOW)).toMatchObject({ kind: 'run_runbook', ruleId: 'L1-B', runbookId: 'RB-WIN-AV-001' });
  });

  it('returns no_match for other runbooks and when no condition set holds', () => {
    const set = compileL1Rules([rule({ id: 'L1-X', match: [{ path: 'runbookId', op: 'eq', value: 'RB-WIN-AV-001' }, { path: 'status', op: 'eq', value: 'error' }] })]);
    expect(decideL1(set, finding, new Map(), NOW)).toEqual({ kind: 'no_match' });
    expect(decideL1(set, { runbookId: 'RB-WIN-FIREWALL-001', hostId: 'h1' }, new Map(), NOW)).toEqual({ kind: 'no_match' });
  });

  it('cools down per (rule, host) without falling through', () => {
    const set = compileL1Rules([rule({ id: 'L1-FIRST', priority: 1 }), rule({ id: 'L1-SECOND', priority: 2, action: { kind: 'escalate', priority: 'low', reason: 'fallback' } })]);
    const first = decideL1(set, finding, new Map(), NOW);
    if (first.kind !== 'run_runbook') throw new Error('expected run_runbook');
    const cooldowns = new Map([[first.cooldown.key, first.cooldown.until]]);
    expect(decideL1(set, finding, cooldowns, NOW + 1000)).toEqual({ kind: 'cooling_down', ruleId: 'L1-FIRST', until: NOW + 600_000 });
    expect(decideL1(set, { ...finding, hostId: 'h2' }, cooldowns, NOW + 1000)).toMatchObject({ kind: 'run_runbook', ruleId: 'L1-FIRST' });
    expect(decideL1(set, finding, cooldowns, NOW + 600_000)).toMatchObject({ kind: 'run_runbook', ruleId: 'L1-FIRST' });
  });

  it('rejects unsafe rule sets, listing every problem', () => {
    const bad: L1Rule[] = [
      rule({ id: 'L1-EMPTY', match: [] }),
      rule({ id: 'L1-WRONG', action: { kind: 'run_runbook', runbook: 'RB-WIN-SEC-003', params: {} } }),
      rule({ id: 'L1-EMPTY' }),
      rule({ id: 'bad id', priority: -1 }),
      rule({ id: 'L1-OPS', match: [{ path: 'runbookId', op: 'eq', value: 'RB-WIN-AV-001' }, { path: 'output.x', op: 'gt', value: 'ten' }] }),
      rule({ id: 'L1-ESC', action: { kind: 'escalate', priority: 'urgent' as never, reason: ' ' } }),
    ];
    let error: RuleSetError | undefined;
    try {
      compileL1Rules(bad);
    } catch (err) {
      error = err as RuleSetError;
    }
    expect(error).toBeInstanceOf(RuleSetError);
    const got = error!.problems.map((p) => `${p.ruleId ?? p.index}:${p.field}`);
    expect(got).toEqual([
      'L1-EMPTY:match',
      'L1-WRONG:action.runbook',
      'L1-EMPTY:id',
      'bad id:id',
      'bad id:priority',
      'L1-OPS:match.1.value',
      'L1-ESC:action.priority',
      'L1-ESC:action.reason',
    ]);
  });
});
