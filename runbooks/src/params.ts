/**
 * Runbook parameters: each is a JSON Schema with a description and a default. The effective params
 * of a run are the defaults overlaid with what a rule, a planner or an approver supplied, validated
 * against the schema; anything else is refused before a script is sent.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema, ParamSpec } from './types.js';
import { newAuthoringAjv } from './schemas.js';

/** Reserved: the rollback phase receives remediate's `before` object under this name. */
export const ROLLBACK_BEFORE_PARAM = 'before';

export function paramsSchema(params: Readonly<Record<string, ParamSpec>>, opts: { rollback?: boolean } = {}): JsonSchema {
  const properties: Record<string, unknown> = { ...params };
  if (opts.rollback) properties[ROLLBACK_BEFORE_PARAM] = { type: 'object', description: 'What remediate emitted under `before`.' };
  return { type: 'object', properties, additionalProperties: false, ...(opts.rollback ? { required: [ROLLBACK_BEFORE_PARAM] } : {}) };
}

/** Thrown when supplied params do not fit the runbook; `problems` are `<param>: <message>` lines. */
export class ParamsError extends Error {
  override readonly name = 'ParamsError';
  constructor(
    readonly runbookId: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid params for ${runbookId}: ${problems.join('; ')}`);
  }
}

export interface ParamsResolver {
  resolve(given: unknown): Record<string, unknown>;
}

const ajvWithDefaults = newAuthoringAjv({ useDefaults: true });

/** Compiles once per runbook (and phase kind); throws ajv's schema error when a param schema is invalid. */
export function compileParamsResolver(runbookId: string, params: Readonly<Record<string, ParamSpec>>, opts: { rollback?: boolean } = {}): ParamsResolver {
  const validate: ValidateFunction = ajvWithDefaults.compile(paramsSchema(params, opts));
  return {
    resolve(given: unknown) {
      if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
        throw new ParamsError(runbookId, ['params must be an object']);
      }
      // ajv fills defaults in place; work on a copy so callers' objects (and defaults) stay untouched.
      const value = structuredClone((given ?? {}) as Record<string, unknown>);
      if (!validate(value)) {
        const problems = (validate.errors ?? []).map((e) => {
          const p = e.params as Record<string, unknown>;
          const name = e.keyword === 'additionalProperties' ? String(p.additionalProperty) : e.instancePath.slice(1).replace(/\//g, '.') || '(params)';
          return `${name}: ${e.keyword === 'additionalProperties' ? 'unknown parameter' : (e.message ?? e.keyword)}`;
        });
        throw new ParamsError(runbookId, problems);
      }
      return value;
    },
  };
}
