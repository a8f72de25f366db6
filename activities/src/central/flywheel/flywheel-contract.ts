/**
 * The contract of the flywheel entity workflow: heals report outcomes to it (signal), it proposes
 * L1 rules for patterns L2 keeps solving, a human approves them (Update), and heals read the active
 * promoted rules (query). Shared by the workflow and the central activities; names kept in step by
 * a unit test in workflows/.
 */
import type { L1Rule } from '@custos/core';

export const FLYWHEEL = {
  workflowType: 'flywheel',
  outcomeSignal: 'recordHealOutcome',
  snapshotQuery: 'flywheelSnapshot',
  activeRulesQuery: 'activeRules',
  decideUpdate: 'decidePromotion',
} as const;

export type HealTierName = 'L1' | 'L2' | 'L3';

/** One finished heal, as the flywheel counts it. */
export interface HealOutcomeReport {
  healWorkflowId: string;
  siteId: string;
  /** Epoch ms when the heal finished. */
  at: number;
  /** sha256("<check runbook>:<action runbook>:<JCS params>")[:16], computed by the reporting activity. */
  patternId: string;
  checkRunbookId: string;
  actionRunbookId: string;
  actionVersion: number;
  params: Record<string, unknown>;
  tier: HealTierName;
  /** The L1 rule that chose the action, if any (promoted rules are judged by these). */
  ruleId: string | null;
  /** Only a passing verify is a success. */
  success: boolean;
  /** False when the action runbook needs approval, a window or is alert-only: such patterns are never promoted. */
  autoHealable: boolean;
}

export interface PatternStats {
  patternId: string;
  checkRunbookId: string;
  actionRunbookId: string;
  actionVersion: number;
  params: Record<string, unknown>;
  occurrences: number;
  l2Resolutions: number;
  successes: number;
  lastSeen: number;
}

export interface PromotionProposal {
  proposalId: string;
  patternId: string;
  rule: L1Rule;
  /** SHA-256 (hex) of the JCS bytes of `rule`; an approval must name it. */
  ruleSha256: string;
  stats: PatternStats;
  proposedAt: number;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy?: { userId: string; displayName: string };
  decidedAt?: number;
  reason?: string;
}

export interface RuleRollback {
  ruleId: string;
  at: number;
  failures: number;
  samples: number;
  failureRate: number;
}

export interface PromotionDecision {
  proposalId: string;
  decision: 'approve' | 'reject';
  ruleSha256: string;
  reason: string;
  approver: { userId: string; displayName: string };
}

export interface ActiveRules {
  /** Bumped on every promotion and rollback, so heals record which rule set decided. */
  version: number;
  rules: L1Rule[];
}

export interface FlywheelSnapshot extends ActiveRules {
  patterns: PatternStats[];
  proposals: PromotionProposal[];
  rollbacks: RuleRollback[];
}

export interface FlywheelSettings {
  minOccurrences: number;
  minL2Resolutions: number;
  minSuccessRate: number;
  windowMs: number;
  /** A promoted rule is rolled back when its failure rate passes this, after `rollbackMinSamples` heals. */
  rollbackFailureRate: number;
  rollbackMinSamples: number;
}

