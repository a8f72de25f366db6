/**
 * The state of one approval request, kept apart from Temporal so the rules the `decide` validator
 * enforces are unit-tested: something must be pending, not expired, the decision well-formed and
 * bound to the SHA-256 of the plan that is pending. The validator must not change state; `accept`
 * (the handler) does.
 */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, type ApprovalPlan, type ApprovalPriority, type Decision, type DecisionReceipt, type PendingApproval } from '@custos/core';

const SHA256_HEX = /^[0-9a-f]{64}$/;
export const MAX_REASON_LENGTH = 1000;

/** Problems with a decision's shape, each naming the field; empty when well-formed. */
export function decisionProblems(d: unknown): string[] {
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return ['decision must be an object'];
  const o = d as Record<string, unknown>;
  const problems: string[] = [];
  if (o.decision !== 'approve' && o.decision !== 'reject') problems.push('decision.decision must be "approve" or "reject"');
  if (typeof o.planSha256 !== 'string' || !SHA256_HEX.test(o.planSha256)) problems.push('decision.planSha256 must be 64 lower-case hex digits');
  if (typeof o.reason !== 'string' || o.reason.trim() === '' || o.reason.length > MAX_REASON_LENGTH) {
    problems.push(`decision.reason must be a non-empty text of at most ${MAX_REASON_LENGTH} characters`);
  }
  const a = o.approver as Record<string, unknown> | null | undefined;
  if (a === null || typeof a !== 'object') problems.push('decision.approver must be an object');
  else {
    if (typeof a.userId !== 'string' || a.userId.trim() === '') problems.push('decision.approver.userId must be a non-empty string');
    if (typeof a.displayName !== 'string' || a.displayName.trim() === '') problems.push('decision.approver.displayName must be a non-empty string');
  }
  return problems;
}

export type GateOutcome = { kind: 'approved' | 'rejected'; receipt: DecisionReceipt; reason: string } | { kind: 'expired' };

const refuse = (message: string) => ApplicationFailure.create({ type: FailureType.PlanRejected, nonRetryable: true, message });

export class ApprovalGate {
  private current: PendingApproval | null = null;
  private result: GateOutcome | undefined;

  /** The request waiting for a decision, or null (what the `pendingPlan` query returns). */
  get pending(): PendingApproval | null {
    return this.current;
  }

  get outcome(): GateOutcome | undefined {
    return this.result;
  }

  open(input: { plan: ApprovalPlan; planSha256: string; priority: ApprovalPriority; requestedAtMs: number; slaMs: number }): PendingApproval {
    if (this.current) throw new Error('an approval is already pending');
    if (!SHA256_HEX.test(input.planSha256)) throw new RangeError('planSha256 must be 64 lower-case hex digits');
    this.result = undefined;
    this.current = {
      plan: input.plan,
      planSha256: input.planSha256,
      priority: input.priority,
      requestedAt: new Date(input.requestedAtMs).toISOString(),
      expiresAt: new Date(input.requestedAtMs + input.slaMs).toISOString(),
      remindersSent: 0,
      escalationLevel: 0,
    };
    return this.current;
  }

  /** Throws (refusing the Update, which then leaves no history event) unless `d` may decide the pending plan now. */
  validate(d: Decision, nowMs: number): void {
    const pending = this.current;
    if (!pending) throw refuse(this.result ? `the approval was already ${this.result.kind}` : 'no approval is pending');
    if (nowMs >= Date.parse(pending.expiresAt)) throw refuse(`the approval expired at ${pending.expiresAt}`);
    const problems = decisionProblems(d);
    if (problems.length > 0) throw refuse(`malformed decision: ${problems.join('; ')}`);
    if (d.planSha256 !== pending.planSha256) {
      throw refuse(`decision is for plan ${d.planSha256}, but the pending plan is ${pending.planSha256}; reload the plan and decide again`);
    }
  }

  accept(d: Decision, nowMs: number): DecisionReceipt {
    this.validate(d, nowMs);
    const receipt: DecisionReceipt = {
      decision: d.decision,
      planSha256: d.planSha256,
      approver: { userId: d.approver.userId, displayName: d.approver.displayName },
      decidedAt: new Date(nowMs).toISOString(),
    };
    this.result = { kind: d.decision === 'approve' ? 'approved' : 'rejected', receipt, reason: d.reason };
    this.current = null;
    return receipt;
  }

  remind(level: number): void {
    if (!this.current) return;
    this.current = { ...this.current, remindersSent: this.current.remindersSent + 1, escalationLevel: level };
  }

  expire(): void {
    if (!this.current) return;
    this.current = null;
    this.result = { kind: 'expired' };
  }
}
