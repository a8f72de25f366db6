/**
 * L2: when no L1 rule matches, the central planner (OpenAI-compatible, PHI scrubbed, catalogue-only,
 * budgeted) proposes one catalogue runbook with params — or hands the finding to a person. Its full
 * request and response are frozen in this workflow's history as the activity's input and result.
 */
import { proxyActivities } from '@temporalio/workflow';
import { NON_RETRYABLE_FAILURES } from '@custos/core';
import type { HealInput } from './heal-types.js';

export interface PlanRequest {
  siteId: string;
  findingId: string;
  hostKind: HealInput['host']['kind'];
  runbookId: string;
  version: number;
  severity: HealInput['severity'];
  output: unknown;
}

export type PlanResult =
  | { kind: 'plan'; runbookId: string; version: number; params: Record<string, unknown>; rationale: string; confidence: number }
  | { kind: 'escalate'; reason: string };

interface PlannerActivities {
  planRemediation(req: PlanRequest): Promise<PlanResult>;
}

export function plannerActivities() {
  return proxyActivities<PlannerActivities>({
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 3, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
}
