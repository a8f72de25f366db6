import { OpenAI } from 'openai';
import type { Kysely } from 'kysely';
import type { ConfigOf } from '@custos/core/config';
import type { Database } from '@custos/db';
import type { Catalogue } from '@custos/runbooks';
import type { L2PlannerDeps } from './plan-l2.js';

/** Config keys the central worker loads for the planner. */
export const PLANNER_CONFIG_KEYS = [
  'l2ApiKey',
  'l2BaseUrl',
  'l2Model',
  'l2MinConfidencePercent',
  'l2DailyTokenBudget',
  'l2MaxConcurrent',
  'l2TimeoutSeconds',
  'l2MaxOutputTokens',
  'phiScrubIps',
] as const;
export type PlannerConfig = ConfigOf<(typeof PLANNER_CONFIG_KEYS)[number]>;

/**
 * The planner's dependencies from config. No API key → no `llm`, and every call is `skipped`.
 * The SDK's own retries are off: Temporal retries the activity, so one attempt is one request.
 */
export function plannerDepsFromConfig(config: PlannerConfig, shared: { catalogue: Catalogue; db: Kysely<Database> }): L2PlannerDeps {
  return {
    ...shared,
    llm: config.l2ApiKey
      ? {
          client: new OpenAI({ apiKey: config.l2ApiKey, baseURL: config.l2BaseUrl.toString().replace(/\/$/, ''), maxRetries: 0, timeout: config.l2TimeoutSeconds * 1000 }),
          model: config.l2Model,
        }
      : undefined,
    limits: {
      dailyTokens: config.l2DailyTokenBudget,
      maxConcurrent: config.l2MaxConcurrent,
      minConfidence: config.l2MinConfidencePercent / 100,
      maxOutputTokens: config.l2MaxOutputTokens,
      timeoutSeconds: config.l2TimeoutSeconds,
    },
    scrub: { scrubIps: config.phiScrubIps },
  };
}
