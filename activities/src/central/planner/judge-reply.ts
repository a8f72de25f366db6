/**
 * Turns the model's completion into a plan or an escalation. Nothing the model says is executed:
 * the only thing that can come out of here is a catalogue runbook id, its catalogue version and
 * params that passed both the runbook's JSON Schema and the code guard. Everything else —
 * refusals, truncation, bad JSON, extra fields, unknown ids, bad params, low confidence — escalates.
 */
import { ParamsError, type Catalogue } from '@custos/runbooks';
import { scrubPhiText, type ScrubOptions } from '@custos/core/phi';
import type { L2EscalationReason, L2Plan } from './contract.js';
import { unsafeParam } from './param-guard.js';
import { ESCALATE } from './response-format.js';

export type Judgement = { kind: 'plan'; plan: L2Plan } | { kind: 'escalate'; reason: L2EscalationReason; detail: string };

export interface JudgeContext {
  catalogue: Catalogue;
  /** Ids offered to the model for this finding. */
  offered: ReadonlySet<string>;
  /** 0..1 */
  minConfidence: number;
  scrub: ScrubOptions;
}

const MAX_RATIONALE = 2000;
const REPLY_KEYS = ['choice', 'confidence', 'rationale'];
const CHOICE_KEYS = ['params', 'runbookId'];

const escalate = (reason: L2EscalationReason, detail: string): Judgement => ({ kind: 'escalate', reason, detail: detail.slice(0, 500) });
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const sameKeys = (o: Record<string, unknown>, keys: string[]) => JSON.stringify(Object.keys(o).sort()) === JSON.stringify(keys);

interface CompletionLike {
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string }[];
}

export function judgeReply(completion: unknown, ctx: JudgeContext): Judgement {
  const choice = (completion as CompletionLike)?.choices?.[0];
  if (!choice?.message) return escalate('malformed_output', 'the response has no choices[0].message');
  if (choice.message.refusal) return escalate('model_refused', `the model refused: ${scrubPhiText(choice.message.refusal, ctx.scrub).value}`);
  if (choice.finish_reason === 'length') return escalate('malformed_output', 'the answer was cut off by the token limit');
  if (choice.finish_reason === 'content_filter') return escalate('model_refused', 'the answer was stopped by the content filter');
  const content = choice.message.content;
  if (typeof content !== 'string' || content.trim() === '') return escalate('malformed_output', 'the answer is empty');

  let reply: unknown;
  try {
    reply = JSON.parse(content);
  } catch {
    return escalate('malformed_output', 'the answer is not JSON');
  }
  if (!isObject(reply) || !sameKeys(reply, REPLY_KEYS)) return escalate('malformed_output', `the answer must have exactly the fields ${REPLY_KEYS.join(', ')}`);
  const { choice: picked, rationale, confidence } = reply;
  if (!isObject(picked) || !sameKeys(picked, CHOICE_KEYS)) return escalate('malformed_output', `choice must have exactly the fields ${CHOICE_KEYS.join(', ')}`);
  if (typeof rationale !== 'string') return escalate('malformed_output', 'rationale must be a string');
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    return escalate('malformed_output', 'confidence must be a number from 0 to 1');
  }
  const why = scrubPhiText(rationale.slice(0, MAX_RATIONALE), ctx.scrub).value;
  const { runbookId, params } = picked;
  if (typeof runbookId !== 'string') return escalate('malformed_output', 'choice.runbookId must be a string');
  if (runbookId === ESCALATE) return escalate('model_escalated', why);
  const runbook = ctx.catalogue.runbook(runbookId);
  if (!runbook || !ctx.offered.has(runbookId)) {
    return escalate('outside_catalogue', `runbook "${runbookId.slice(0, 80)}" ${runbook ? 'was not offered for this finding' : 'is not in the catalogue'}`);
  }
  if (!isObject(params)) return escalate('malformed_output', 'choice.params must be an object');
  // null is the schema's way of saying "the runbook's default"; drop it so the default applies.
  const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
  const unsafe = unsafeParam(given);
  if (unsafe) return escalate('unsafe_params', unsafe);
  let resolved: Record<string, unknown>;
  try {
    resolved = ctx.catalogue.resolveParams(runbook.id, runbook.version, given, 'remediate');
  } catch (err) {
    if (err instanceof ParamsError) return escalate('params_invalid', err.problems.join('; '));
    throw err;
  }
  if (confidence < ctx.minConfidence) return escalate('low_confidence', `confidence ${confidence} is below ${ctx.minConfidence}: ${why}`);
  return {
    kind: 'plan',
    plan: {
      runbookId: runbook.id,
      runbookVersion: runbook.version,
      params: resolved,
      rationale: why,
      confidence,
      requiresApproval: runbook.requiresApproval,
      disruptive: runbook.disruptive,
      maintenanceWindow: runbook.maintenanceWindow,
    },
  };
}
