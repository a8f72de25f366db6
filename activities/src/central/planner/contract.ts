/**
 * The L2 planner activity's contract (`planL2`), for the heal workflow.
 *
 *   const outcome = await central.planL2(input);
 *   switch (outcome.kind) {
 *     case 'plan':     // run outcome.plan.runbookId with outcome.plan.params (already validated
 *                      // against the runbook's schema); approval still applies when
 *                      // plan.requiresApproval; verify decides whether it healed.
 *     case 'escalate': // L3: a human decides; outcome.reason/detail say why L2 did not act.
 *     case 'skipped':  // L2 is not configured (no API key): straight to L3, not counted as an L2 attempt.
 *   }
 *
 * The activity never throws for a bad answer from the model: hostile, malformed, off-catalogue or
 * low-confidence output is an `escalate` outcome. It throws a retryable `PlannerUnavailable`
 * ApplicationFailure only for transient trouble (endpoint down, 429/5xx, timeout, concurrency limit
 * taken), and only while `attempt < maxAttempts`; on the last attempt that trouble is returned as
 * `escalate` too — so with a retry policy of `maximumAttempts: input.maxAttempts` the workflow always
 * gets an outcome. `exchange` is the full request and response, PHI-scrubbed: returning it is what
 * freezes it in the workflow history for the auditor.
 */
import type { ScrubReport } from '@custos/core/phi';

export type HostKindName = 'domain_controller' | 'server' | 'workstation';
export type FindingSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface L2PlanInput {
  /** The heal workflow's id: the budget lease holder and the exchange's correlation id. */
  healId: string;
  siteId: string;
  hostId: string;
  findingId: string;
  hostKind?: HostKindName;
  /** The failing check. */
  runbookId: string;
  runbookVersion: number;
  status: 'fail' | 'error';
  severity: FindingSeverity;
  /** The check's output: raw host data, scrubbed before it leaves. */
  output: unknown;
  /** Anything else about the host that helps (OS, roles, services); scrubbed the same way. */
  hostFacts?: Record<string, unknown>;
  /** The retry policy's maximumAttempts for this activity (default 3): on that attempt transient trouble becomes `escalate`. */
  maxAttempts?: number;
}

/** A plan L2 may hand to execution: a catalogue runbook and schema-valid params, nothing free-form. */
export interface L2Plan {
  runbookId: string;
  runbookVersion: number;
  /** Resolved params (defaults filled in), validated against the runbook's params schema. */
  params: Record<string, unknown>;
  /** The model's reasoning, scrubbed and capped; shown to approvers, never executed. */
  rationale: string;
  confidence: number;
  requiresApproval: boolean;
  disruptive: boolean;
  maintenanceWindow: boolean;
}

export type L2EscalationReason =
  /** The model chose ESCALATE itself. */
  | 'model_escalated'
  | 'model_refused'
  /** Not JSON, wrong shape, extra fields (a smuggled script), or cut off by the token limit. */
  | 'malformed_output'
  /** A runbook id that is not in the catalogue, or not offered for this host (alert-only, wrong host kind). */
  | 'outside_catalogue'
  /** Params that fail the runbook's schema. */
  | 'params_invalid'
  /** Params that carry shell/PowerShell syntax or commands, however they validate. */
  | 'unsafe_params'
  | 'low_confidence'
  /** No catalogue runbook can remediate this finding on this host. */
  | 'no_candidates'
  | 'budget_exhausted'
  /** Transient trouble on the last allowed attempt (endpoint down, rate limit, concurrency limit). */
  | 'llm_unavailable'
  /** The endpoint refused the request itself (bad key, unknown model, invalid schema): a configuration problem. */
  | 'llm_rejected_request';

export interface L2Exchange {
  /** Correlates with the budget lease and logs. */
  healId: string;
  attempt: number;
  model: string;
  /** The request body exactly as sent (messages already scrubbed). */
  request: unknown;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** The response body as received (scrubbed again, capped), or the API error. */
  response: unknown;
  latencyMs: number;
  usage: { promptTokens: number; completionTokens: number } | null;
  /** What the scrubber replaced before anything left (counts per kind). */
  scrubbed: ScrubReport;
}

export type L2PlanOutcome =
  | { kind: 'plan'; plan: L2Plan; exchange: L2Exchange }
  | { kind: 'escalate'; reason: L2EscalationReason; detail: string; exchange: L2Exchange | null }
  | { kind: 'skipped'; reason: 'not_configured'; detail: string };
