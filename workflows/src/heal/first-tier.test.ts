import { describe, expect, it } from 'vitest';
import type { L1Rule } from '@custos/core';
import type { HealContext, RunbookFacts } from '@custos/activities/types';
import { decideFirstTier } from './first-tier.js';
import type { HealInput } from './heal-types.js';

const runbook: RunbookFacts = {
  id: 'RB-WIN-FW-001',
  version: 1,
  title: 'Firewall',
  severity: 'high',
  healMode: 'auto',
  disruptive: false,
  requiresApproval: false,
  maintenanceWindow: false,
  hasRemediate: true,
  hasRollback: false,
  timeoutSeconds: 60,
};
const rule = (over: Partial<L1Rule> = {}): L1Rule => ({
  id: 'L1-FW-001',
  description: 'turn it on',
  enabled: true,
  priority: 10,
  cooldownSeconds: 600,
  match: [
    { path: 'runbookId', op: 'eq', value: 'RB-WIN-FW-001' },
    { path: 'output.enabled', op: 'eq', value: false },
  ],
  action: { kind: 'run_runbook', runbook: 'RB-WIN-FW-001', params: {} },
  provenance: { source: 'hand-written', author: 't', since: '2026-01-01' },
  ...over,
});
const ctx = (over: Partial<HealContext> = {}): HealContext => ({
  rules: [rule()],
  promotedRulesVersion: 0,
  runbook,
  healingPaused: false,
  siteRequiresApproval: false,
  site: {} as HealContext['site'],
  cooldowns: [],
  ...over,
});
const input: HealInput = {
  siteId: 's',
  findingId: 'f',
  host: { hostId: 'h1', hostname: 'WS001', kind: 'workstation' },
  runbookId: 'RB-WIN-FW-001',
  version: 1,
  severity: 'high',
  output: { enabled: false },
};

describe('L1 for one finding (fail-closed)', () => {
  it('acts on the first matching rule and claims its cooldown for the host', () => {
    expect(decideFirstTier(ctx(), input, 1000)).toEqual({
      kind: 'act',
      ruleId: 'L1-FW-001',
      runbookId: 'RB-WIN-FW-001',
      params: {},
      cooldown: { key: 'L1-FW-001\u0000h1', until: 601_000 },
    });
  });

  it('never heals with an escalate rule: it escalates with the rule and its priority', () => {
    const d = decideFirstTier(ctx({ rules: [rule({ action: { kind: 'escalate', priority: 'critical', reason: 'encryption needs a person' } })] }), input, 0);
    expect(d).toEqual({ kind: 'escalate', ruleId: 'L1-FW-001', priority: 'critical', reason: 'encryption needs a person' });
  });

  it('escalates a finding whose rule is still cooling down for the host (the fix did not stick)', () => {
    const d = decideFirstTier(ctx({ cooldowns: [['L1-FW-001\u0000h1', 5000]] }), input, 1000);
    expect(d).toMatchObject({ kind: 'escalate', ruleId: 'L1-FW-001', reason: expect.stringContaining('drift is back') });
  });

  it('hands a finding no rule matches to L2', () => {
    expect(decideFirstTier(ctx({ rules: [] }), input, 0)).toEqual({ kind: 'no_rule' });
    expect(decideFirstTier(ctx(), { ...input, output: { enabled: true } }, 0)).toEqual({ kind: 'no_rule' });
  });

  it('escalates when the rules do not compile (a rule with no conditions would match everything)', () => {
    const d = decideFirstTier(ctx({ rules: [rule({ match: [] })] }), input, 0);
    expect(d).toMatchObject({ kind: 'escalate', ruleId: null, reason: expect.stringContaining('do not compile') });
  });

  it('escalates alert-only runbooks and runbooks central does not know', () => {
    expect(decideFirstTier(ctx({ runbook: { ...runbook, healMode: 'alert-only' } }), input, 0)).toMatchObject({ kind: 'escalate', reason: expect.stringContaining('alert-only') });
    expect(decideFirstTier(ctx({ runbook: null }), input, 0)).toMatchObject({ kind: 'escalate', reason: expect.stringContaining("not in central's catalogue") });
  });

  it('does nothing while healing is paused for the site', () => {
    expect(decideFirstTier(ctx({ healingPaused: true }), input, 0)).toEqual({ kind: 'paused' });
  });
});
