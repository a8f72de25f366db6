import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Decision, DecisionReceipt, PendingApproval } from '@custos/core';

/**
 * Approve or reject the pending plan. The validator refuses (no history event) when nothing is
 * pending, the approval expired, the decision is malformed or `planSha256` is not the plan shown.
 * The caller records refused attempts in the audit log.
 */
export const decide = defineUpdate<DecisionReceipt, [Decision]>('decide');

/** The plan waiting for a decision, or null when none is pending. */
export const pendingPlan = defineQuery<PendingApproval | null>('pendingPlan');
