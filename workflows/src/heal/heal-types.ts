/** What a heal is started with and what it returns (plain JSON, recorded in its history). */
import type { DecisionReceipt, HealTierName } from '@custos/core';
import type { HostRef, RemediateOutput, VerifyOutput } from '@custos/activities/types';

export interface HealInput {
  siteId: string;
  findingId: string;
  host: HostRef;
  runbookId: string;
  version: number;
  severity: 'critical' | 'high' | 'medium' | 'low';
  /** The failing check's output (what L1 rules and the L2 planner look at). */
  output: unknown;
}

/**
 * - `healed`: a change ran and verify passed; the finding is closed.
 * - `escalated`: a person must act (L1 escalate rule, flapping, no plan, failed verify, expired approval).
 * - `rejected`: the approver said no.
 * - `resolved_elsewhere`: the finding was closed while the heal waited (someone fixed it).
 * - `skipped`: healing is paused for the site.
 */
export type HealOutcome = 'healed' | 'escalated' | 'rejected' | 'resolved_elsewhere' | 'skipped';

export interface HealResult {
  outcome: HealOutcome;
  /** Who chose the action (or that nobody could): recorded from what actually ran, never assumed. */
  tier: HealTierName;
  reason: string;
  ruleId: string | null;
  action: { runbookId: string; version: number; params: Record<string, unknown> } | null;
  approval: { outcome: 'approved' | 'rejected' | 'expired'; receipt: DecisionReceipt | null; planSha256: string } | null;
  remediation: RemediateOutput | null;
  verify: VerifyOutput['status'] | null;
  rolledBack: boolean;
}

export const healWorkflowId = (siteId: string, findingId: string): string => `heal:${siteId}:${findingId}`;
