import { describe, expect, it } from 'vitest';
import { compileL1Rules } from '@custos/core';
import type { HealOutcomeReport } from '@custos/activities/types';
import { DEFAULT_FLYWHEEL_SETTINGS, Flywheel, initialFlywheelState } from './flywheel-state.js';

const DAY = 24 * 60 * 60_000;
let n = 0;
const outcome = (over: Partial<HealOutcomeReport> = {}): HealOutcomeReport => ({
  healWorkflowId: `heal-${++n}`,
  siteId: 's',
  at: 10 * DAY,
  patternId: 'abcdef0123456789',
  checkRunbookId: 'RB-WIN-X-001',
  actionRunbookId: 'RB-WIN-X-001',
  actionVersion: 1,
  params: { wanted: 0 },
  tier: 'L2',
  ruleId: null,
  success: true,
  autoHealable: true,
  ...over,
});

function promotedFlywheel(): { fw: Flywheel; ruleId: string } {
  const fw = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
  for (let i = 0; i < 5; i++) fw.record(outcome());
  const [stats] = fw.candidates(10 * DAY);
  const rule = fw.draft(stats!);
  fw.propose({ proposalId: 'p1', stats: stats!, rule, ruleSha256: 'a'.repeat(64), nowMs: 10 * DAY });
  fw.decide({ proposalId: 'p1', decision: 'approve', ruleSha256: 'a'.repeat(64), reason: 'seen it work', approver: { userId: 'u', displayName: 'Uma' } }, 10 * DAY);
  return { fw, ruleId: rule.id };
}

describe('flywheel: promotion bar', () => {
  it('proposes a pattern at 5 occurrences, 3 L2 resolutions and 90 % success within 7 days', () => {
    const fw = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 4; i++) fw.record(outcome());
    expect(fw.candidates(10 * DAY)).toEqual([]);
    fw.record(outcome());
    const [stats] = fw.candidates(10 * DAY);
    expect(stats).toMatchObject({ occurrences: 5, l2Resolutions: 5, successes: 5 });
  });

  it('does not propose below 90 % success, outside the window, or with too few L2 resolutions', () => {
    const low = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 9; i++) low.record(outcome());
    low.record(outcome({ success: false }));
    low.record(outcome({ success: false }));
    expect(low.candidates(10 * DAY)).toEqual([]);
    const old = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 5; i++) old.record(outcome({ at: 1 * DAY }));
    expect(old.candidates(10 * DAY)).toEqual([]);
    const l3 = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 5; i++) l3.record(outcome({ tier: i < 2 ? 'L2' : 'L3' }));
    expect(l3.candidates(10 * DAY)).toEqual([]);
  });

  it('never proposes approval-gated actions or an action on another runbook', () => {
    const gated = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 6; i++) gated.record(outcome({ autoHealable: false }));
    expect(gated.candidates(10 * DAY)).toEqual([]);
    const other = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 6; i++) other.record(outcome({ actionRunbookId: 'RB-WIN-Y-001' }));
    expect(other.candidates(10 * DAY)).toEqual([]);
  });

  it('counts a re-delivered outcome once', () => {
    const fw = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    const o = outcome();
    for (let i = 0; i < 5; i++) fw.record(o);
    expect(fw.stats(o.patternId, 10 * DAY)?.occurrences).toBe(1);
  });

  it('drafts a rule that compiles, pins the runbook and runs after hand-written rules', () => {
    const fw = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 5; i++) fw.record(outcome());
    const rule = fw.draft(fw.candidates(10 * DAY)[0]!);
    expect(rule).toMatchObject({ id: 'L1-PROMOTED-ABCDEF01', priority: 50, action: { kind: 'run_runbook', runbook: 'RB-WIN-X-001', params: { wanted: 0 } } });
    expect(compileL1Rules([rule]).size).toBe(1);
  });
});

describe('flywheel: approval and rollback', () => {
  it('activates an approved rule with the approver recorded and bumps the rule-set version', () => {
    const { fw, ruleId } = promotedFlywheel();
    const active = fw.active();
    expect(active.version).toBe(1);
    expect(active.rules[0]).toMatchObject({ id: ruleId, provenance: { source: 'promoted', approvedBy: 'u', promotedAt: new Date(10 * DAY).toISOString() } });
    expect(fw.candidates(10 * DAY)).toEqual([]);
  });

  it('refuses decisions for unknown or decided proposals or another rule hash', () => {
    const { fw } = promotedFlywheel();
    const d = { proposalId: 'p1', decision: 'approve' as const, ruleSha256: 'a'.repeat(64), reason: 'x', approver: { userId: 'u', displayName: 'U' } };
    expect(() => fw.validate(d)).toThrow('already approved');
    expect(() => fw.validate({ ...d, proposalId: 'nope' })).toThrow('no promotion proposal nope');
    const fresh = new Flywheel(initialFlywheelState(DEFAULT_FLYWHEEL_SETTINGS));
    for (let i = 0; i < 5; i++) fresh.record(outcome());
    const stats = fresh.candidates(10 * DAY)[0]!;
    fresh.propose({ proposalId: 'p2', stats, rule: fresh.draft(stats), ruleSha256: 'b'.repeat(64), nowMs: 0 });
    expect(() => fresh.validate({ ...d, proposalId: 'p2' })).toThrow(/proposal's rule is b{64}/);
    expect(() => fresh.validate({ ...d, proposalId: 'p2', ruleSha256: 'b'.repeat(64), reason: ' ' })).toThrow('a reason is required');
  });

  it('rolls a promoted rule back once more than 20 % of at least 5 heals it decided failed', () => {
    const { fw, ruleId } = promotedFlywheel();
    const results = [true, true, true, false];
    for (const success of results) expect(fw.record(outcome({ tier: 'L1', ruleId, success }))).toBeUndefined();
    const rollback = fw.record(outcome({ tier: 'L1', ruleId, success: false }));
    expect(rollback).toEqual({ ruleId, at: 10 * DAY, failures: 2, samples: 5, failureRate: 0.4 });
    expect(fw.active()).toEqual({ version: 2, rules: [] });
    expect(fw.snapshot(10 * DAY).rollbacks).toEqual([rollback]);
  });

  it('keeps a promoted rule at 20 % failures', () => {
    const { fw, ruleId } = promotedFlywheel();
    for (const success of [true, true, true, true, false]) expect(fw.record(outcome({ tier: 'L1', ruleId, success }))).toBeUndefined();
    expect(fw.active().rules).toHaveLength(1);
  });

  it('compacts samples outside the window but keeps patterns with proposals', () => {
    const { fw } = promotedFlywheel();
    fw.record(outcome({ patternId: 'ffff000011112222', at: 1 * DAY }));
    fw.compact(30 * DAY);
    expect(Object.keys(fw.state.patterns)).toEqual(['abcdef0123456789']);
    expect(fw.stats('abcdef0123456789', 30 * DAY)?.occurrences).toBe(0);
  });
});
