import { describe, expect, it } from 'vitest';
import type { ApprovalPlan, Decision } from '@custos/core';
import { ApprovalGate, decisionProblems } from './approval-gate.js';

const plan: ApprovalPlan = {
  siteId: 's1',
  hostId: 'h1',
  findingId: 'f1',
  runbookId: 'RB-WIN-SEC-005',
  runbookVersion: 1,
  params: {},
  tier: 'L3',
  risk: 'high',
  disruptive: true,
  maintenanceWindow: null,
  rationale: null,
};
const SHA = 'a'.repeat(64);
const approve: Decision = { decision: 'approve', planSha256: SHA, reason: 'patch night', approver: { userId: 'u1', displayName: 'Dana' } };

function openGate(): ApprovalGate {
  const gate = new ApprovalGate();
  gate.open({ plan, planSha256: SHA, priority: 'high', requestedAtMs: 1_000, slaMs: 60_000 });
  return gate;
}

describe('ApprovalGate (the decide validator and handler)', () => {
  it('refuses a decision when nothing is pending', () => {
    expect(() => new ApprovalGate().validate(approve, 0)).toThrow('no approval is pending');
  });

  it('shows the pending plan with its hash, priority and expiry', () => {
    expect(openGate().pending).toEqual({
      plan,
      planSha256: SHA,
      priority: 'high',
      requestedAt: '1970-01-01T00:00:01.000Z',
      expiresAt: '1970-01-01T00:01:01.000Z',
      remindersSent: 0,
      escalationLevel: 0,
    });
  });

  it('refuses a decision bound to another plan', () => {
    expect(() => openGate().validate({ ...approve, planSha256: 'b'.repeat(64) }, 2_000)).toThrow(/pending plan is a{64}/);
  });

  it('refuses after expiry', () => {
    expect(() => openGate().validate(approve, 61_000)).toThrow('the approval expired at 1970-01-01T00:01:01.000Z');
  });

  it('refuses malformed decisions and says what is wrong', () => {
    const bad = { decision: 'maybe', planSha256: 'XYZ', reason: ' ', approver: { userId: '', displayName: 'x' } } as unknown as Decision;
    expect(() => openGate().validate(bad, 2_000)).toThrow(/decision.decision must be.*planSha256 must be.*reason must be.*approver.userId must be/);
    expect(decisionProblems(null)).toEqual(['decision must be an object']);
    expect(decisionProblems({ ...approve, approver: null })).toEqual(['decision.approver must be an object']);
  });

  it('validating changes nothing; accepting records the approver and closes the request', () => {
    const gate = openGate();
    gate.validate(approve, 2_000);
    expect(gate.pending).not.toBeNull();
    const receipt = gate.accept(approve, 2_000);
    expect(receipt).toEqual({ decision: 'approve', planSha256: SHA, approver: { userId: 'u1', displayName: 'Dana' }, decidedAt: '1970-01-01T00:00:02.000Z' });
    expect(gate.outcome).toEqual({ kind: 'approved', receipt, reason: 'patch night' });
    expect(gate.pending).toBeNull();
    expect(() => gate.validate(approve, 2_500)).toThrow('the approval was already approved');
  });

  it('records a rejection as rejected', () => {
    const gate = openGate();
    gate.accept({ ...approve, decision: 'reject', reason: 'not now' }, 3_000);
    expect(gate.outcome).toMatchObject({ kind: 'rejected', reason: 'not now' });
  });

  it('counts reminders and the level routed to; expiry closes the request', () => {
    const gate = openGate();
    gate.remind(1);
    gate.remind(2);
    expect(gate.pending).toMatchObject({ remindersSent: 2, escalationLevel: 2 });
    gate.expire();
    expect(gate.pending).toBeNull();
    expect(gate.outcome).toEqual({ kind: 'expired' });
    expect(() => gate.validate(approve, 3_000)).toThrow('the approval was already expired');
  });

  it('refuses the failures as non-retryable PlanRejected application failures', () => {
    try {
      new ApprovalGate().validate(approve, 0);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ type: 'PlanRejected', nonRetryable: true });
    }
  });
});
