/**
 * The structured-output contract the model must answer in (OpenAI `json_schema`, strict): one
 * choice among the offered runbooks — each with its own params object — or ESCALATE, plus a
 * rationale and a confidence. Strict mode makes a conforming model unable to invent a runbook id or
 * a parameter; the judge still checks everything, because not every endpoint enforces it.
 */
import type { Runbook } from '@custos/runbooks';
import { strictParamSchema } from './candidates.js';

export const ESCALATE = 'ESCALATE';
export const RESPONSE_FORMAT_NAME = 'custos_l2_plan';

const closedObject = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false });

function choiceFor(r: Runbook) {
  const params = Object.fromEntries(Object.entries(r.params).map(([name, spec]) => [name, strictParamSchema(spec, true)]));
  return closedObject({ runbookId: { type: 'string', enum: [r.id] }, params: closedObject(params) });
}

export function planResponseFormat(candidates: readonly Runbook[]) {
  const schema = closedObject({
    choice: {
      description: `One runbook from the catalogue with its parameters (null = the runbook's default), or runbookId ${ESCALATE} to hand the finding to a human.`,
      anyOf: [...candidates.map(choiceFor), closedObject({ runbookId: { type: 'string', enum: [ESCALATE] }, params: closedObject({}) })],
    },
    rationale: { type: 'string', description: 'Why this runbook fixes the failing check (or why a human must decide), in two or three sentences.' },
    confidence: { type: 'number', minimum: 0, maximum: 1, description: '0.9+ clear match, 0.7–0.9 good match, below 0.7 uncertain.' },
  });
  return { type: 'json_schema' as const, json_schema: { name: RESPONSE_FORMAT_NAME, strict: true, schema } };
}
