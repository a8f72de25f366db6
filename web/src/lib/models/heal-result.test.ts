import { describe, expect, it } from 'vitest';
import { healOutcome } from './heal-result.js';

describe('healOutcome', () => {
  it('reads what the incident page shows from a heal result', () => {
    const v = healOutcome([
      {
        outcome: 'healed',
        tier: 'L3',
        reason: '',
        ruleId: 'L1-FIXTURE-REG-002',
        action: { runbookId: 'RB-WIN-FIXTURE-REG-002', version: 1, params: { wanted: 0 } },
        approval: { outcome: 'approved', planSha256: 'a'.repeat(64), receipt: { approver: { userId: 'u', displayName: 'Dana' }, decidedAt: '2026-11-26T10:00:00Z', decision: 'approve' } },
        remediation: { status: 'applied', changed: true },
        verify: 'pass',
        rolledBack: false,
      },
    ]);
    expect(v).toEqual({
      outcome: 'healed',
      tier: 'L3',
      reason: '',
      ruleId: 'L1-FIXTURE-REG-002',
      action: { runbookId: 'RB-WIN-FIXTURE-REG-002', version: 1, params: { wanted: 0 } },
      approval: { outcome: 'approved', approver: 'Dana', decidedAt: '2026-11-26T10:00:00Z' },
      remediation: 'applied (changed the host)',
      verify: 'pass',
      rolledBack: false,
    });
  });

  it('returns null for anything that is not a heal result', () => {
    expect(healOutcome(null)).toBeNull();
    expect(healOutcome([{ hosts: 3 }])).toBeNull();
    expect(healOutcome({ outcome: 'escalated', approval: null, action: null })).toMatchObject({ outcome: 'escalated', approval: null, action: null, remediation: null });
  });
});
