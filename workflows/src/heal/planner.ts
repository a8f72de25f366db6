/**
 * L2: when no L1 rule matches, the central planner (`planL2`: OpenAI-compatible, PHI scrubbed,
 * catalogue-only, budgeted) proposes one catalogue runbook with schema-valid params, or hands the
 * finding to a person. Its full exchange is the activity's result, so it is frozen in this history.
 * The activity turns its own transient trouble into `escalate` on the last attempt, so the retry
 * policy's maximumAttempts is passed in and the workflow always gets an outcome.
 */
import { proxyActivities } from '@temporalio/workflow';
import { NON_RETRYABLE_FAILURES } from '@custos/core';
import type { HealInput } from './heal-types.js';

const MAX_ATTEMPTS = 3;

// The planner's contract (activities/src/central/planner/contract.ts), as far as heal uses it.
interface L2PlanInput {
  healId: string;
  siteId: string;
  hostId: string;
  findingId: string;
  hostKind?: HealInput['host']['kind'];
  runbookId: string;
  runbookVersion: number;
  status: 'fail' | 'error';
  severity: HealInput['severity'];
  output: unknown;
  maxAttempts?: number;
}

type L2PlanOutcome =
  | { kind: 'plan'; plan: { runbookId: string; runbookVersion: number; params: Record<string, unknown>; rationale: string; confidence: number } }
  | { kind: 'escalate'; reason: string; detail: string }
  | { kind: 'skipped'; reason: string; detail: string };

interface PlannerActivities {
  planL2(input: L2PlanInput): Promise<L2PlanOutcome>;
}

export type PlanResult =
  | { kind: 'plan'; runbookId: string; version: number; params: Record<string, unknown>; rationale: string; confidence: number }
  | { kind: 'escalate'; reason: string };

export async function planWithL2(input: HealInput, healId: string): Promise<PlanResult> {
  const planner = proxyActivities<PlannerActivities>({
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: MAX_ATTEMPTS, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
  const outcome = await planner.planL2({
    healId,
    siteId: input.siteId,
    hostId: input.host.hostId,
    findingId: input.findingId,
    hostKind: input.host.kind,
    runbookId: input.runbookId,
    runbookVersion: input.version,
    status: 'fail',
    severity: input.severity,
    output: input.output,
    maxAttempts: MAX_ATTEMPTS,
  });
  if (outcome.kind === 'plan') {
    const p = outcome.plan;
    return { kind: 'plan', runbookId: p.runbookId, version: p.runbookVersion, params: p.params, rationale: p.rationale, confidence: p.confidence };
  }
  return { kind: 'escalate', reason: outcome.kind === 'skipped' ? `L2 skipped: ${outcome.detail}` : `L2 escalated (${outcome.reason}): ${outcome.detail}` };
}
