/**
 * The `planL2` activity (contract.ts has the caller's view). One call: scrub, reserve budget and a
 * concurrency slot in PostgreSQL, ask the model once, settle the budget, judge the answer.
 */
import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { APIConnectionError, APIError, type OpenAI } from 'openai';
import type { Kysely } from 'kysely';
import { FailureType } from '@custos/core';
import { scrubPhi, type ScrubOptions, type ScrubReport } from '@custos/core/phi';
import { acquireL2Lease, settleL2Lease, type Database } from '@custos/db';
import type { Catalogue } from '@custos/runbooks';
import { describeCandidate, plannerCandidates } from './candidates.js';
import type { L2EscalationReason, L2Exchange, L2PlanInput, L2PlanOutcome } from './contract.js';
import { judgeReply } from './judge-reply.js';
import { planMessages } from './prompt.js';
import { planResponseFormat } from './response-format.js';
import { checkPlanInput } from './plan-input.js';

export interface L2PlannerLimits {
  /** Tokens per UTC day, all sites. */
  dailyTokens: number;
  maxConcurrent: number;
  /** 0..1 */
  minConfidence: number;
  maxOutputTokens: number;
  timeoutSeconds: number;
}

export interface L2PlannerDeps {
  catalogue: Catalogue;
  db: Kysely<Database>;
  /** The OpenAI-compatible endpoint; absent when no API key is configured (L2 is then skipped). */
  llm?: { client: OpenAI; model: string };
  limits: L2PlannerLimits;
  scrub: ScrubOptions;
  now?: () => Date;
}

/** Cap on the response body kept in history (a runaway model must not bloat the workflow). */
const MAX_RESPONSE_CHARS = 32_000;
/** Strings and lists in host data are cut before scrubbing, so one huge event log cannot fill the prompt. */
const MAX_STRING = 2_000;
const MAX_ITEMS = 50;

function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…[cut ${value.length - MAX_STRING} chars]` : value;
  if (value === null || typeof value !== 'object' || depth > 12) return depth > 12 ? '[cut: too deep]' : value;
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => bounded(v, depth + 1)).concat(value.length > MAX_ITEMS ? [`[cut ${value.length - MAX_ITEMS} items]`] : []);
  return Object.fromEntries(Object.entries(value).slice(0, MAX_ITEMS).map(([k, v]) => [k, bounded(v, depth + 1)]));
}

function capped(value: unknown, scrub: ScrubOptions): unknown {
  const scrubbed = scrubPhi(value, scrub).value;
  const text = JSON.stringify(scrubbed) ?? 'null';
  return text.length <= MAX_RESPONSE_CHARS ? scrubbed : { truncated: true, head: text.slice(0, MAX_RESPONSE_CHARS) };
}

export function makePlanL2(deps: L2PlannerDeps | undefined) {
  return async function planL2(input: L2PlanInput): Promise<L2PlanOutcome> {
    checkPlanInput(input);
    if (!deps?.llm) return { kind: 'skipped', reason: 'not_configured', detail: 'no L2 API key is configured (CUSTOS_L2_API_KEY); the finding goes to a human' };
    const { catalogue, db, llm, limits, scrub } = deps;
    const now = deps.now ?? (() => new Date());
    const attempt = activityInfo().attempt;
    const maxAttempts = input.maxAttempts ?? 3;
    const escalate = (reason: L2EscalationReason, detail: string, exchange: L2Exchange | null = null): L2PlanOutcome => ({ kind: 'escalate', reason, detail, exchange });
    /** Transient trouble: retried by Temporal, except on the last attempt, which escalates instead. */
    const transient = (detail: string, exchange: L2Exchange | null = null): L2PlanOutcome => {
      if (attempt < maxAttempts) throw ApplicationFailure.retryable(`L2 planner attempt ${attempt}/${maxAttempts}: ${detail}`, FailureType.PlannerUnavailable);
      return escalate('llm_unavailable', `after ${attempt} attempts: ${detail}`, exchange);
    };

    const candidates = plannerCandidates(catalogue, input);
    if (candidates.length === 0) return escalate('no_candidates', `no catalogue runbook can remediate ${input.runbookId} on this host`);

    const finding = scrubPhi(
      bounded({
        check: { runbookId: input.runbookId, runbookVersion: input.runbookVersion, title: catalogue.runbook(input.runbookId)?.title ?? null },
        status: input.status,
        severity: input.severity,
        hostKind: input.hostKind ?? null,
        output: input.output,
        hostFacts: input.hostFacts ?? {},
      }),
      scrub,
    );
    const request = {
      model: llm.model,
      temperature: 0.1,
      max_completion_tokens: limits.maxOutputTokens,
      messages: planMessages(finding.value, candidates.map(describeCandidate)),
      response_format: planResponseFormat(candidates),
    };
    const estimate = Math.ceil(JSON.stringify(request).length / 3) + limits.maxOutputTokens;
    const lease = await acquireL2Lease(db, {
      holder: `${input.healId}#${attempt}`,
      estimatedTokens: estimate,
      ttlSeconds: limits.timeoutSeconds + 60,
      now: now(),
      limits: { dailyTokens: limits.dailyTokens, maxConcurrent: limits.maxConcurrent },
    });
    if (lease.kind === 'exhausted') return escalate('budget_exhausted', `L2 daily budget of ${lease.budget} tokens for ${lease.day} is spent (${lease.spent} used or reserved)`);
    if (lease.kind === 'busy') return transient(`the concurrency limit is taken (${lease.inFlight} calls in flight)`);

    const exchange = (status: number, response: unknown, latencyMs: number, usage: L2Exchange['usage'], scrubbed: ScrubReport): L2Exchange => ({
      healId: input.healId,
      attempt,
      model: llm.model,
      request,
      status,
      response: capped(response, scrub),
      latencyMs,
      usage,
      scrubbed,
    });
    const started = Date.now();
    let settled = false;
    const settle = async (tokens: number | undefined) => {
      if (settled) return;
      settled = true;
      await settleL2Lease(db, { leaseId: lease.leaseId, tokensUsed: tokens });
    };
    try {
      const { data, response } = await llm.client.chat.completions.create(request).withResponse();
      const usage = data.usage ? { promptTokens: data.usage.prompt_tokens, completionTokens: data.usage.completion_tokens } : null;
      await settle(usage ? usage.promptTokens + usage.completionTokens : undefined);
      const record = exchange(response.status, data, Date.now() - started, usage, finding.report);
      const judged = judgeReply(data, { catalogue, offered: new Set(candidates.map((c) => c.id)), minConfidence: limits.minConfidence, scrub });
      return judged.kind === 'plan' ? { kind: 'plan', plan: judged.plan, exchange: record } : escalate(judged.reason, judged.detail, record);
    } catch (err) {
      const latency = Date.now() - started;
      if (err instanceof APIConnectionError) {
        // No answer: the call may still have been billed, so the reservation stands.
        await settle(undefined);
        return transient(`${err.constructor.name}: ${err.message}`, exchange(0, { error: err.message }, latency, null, finding.report));
      }
      if (err instanceof APIError) {
        await settle(0);
        const record = exchange(err.status ?? 0, { error: err.error ?? err.message }, latency, null, finding.report);
        const status = err.status ?? 0;
        if (status === 408 || status === 409 || status === 429 || status >= 500) return transient(`HTTP ${status} from the L2 endpoint`, record);
        return escalate('llm_rejected_request', `HTTP ${status} from the L2 endpoint (check CUSTOS_L2_API_KEY, CUSTOS_L2_MODEL): ${err.message.slice(0, 300)}`, record);
      }
      await settle(undefined);
      throw err;
    }
  };
}
