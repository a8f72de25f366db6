/** Shared set-up for the planner integration tests: a migrated database, the fixture catalogue, a scripted LLM. */
import { OpenAI } from 'openai';
import type { Kysely } from 'kysely';
import { MockActivityEnvironment } from '@temporalio/testing';
import { connectDatabase, migrateToLatest, type Database } from '@custos/db';
import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import { startScriptedLlm, type ScriptedLlm } from '@custos/testkit/openai';
import type { Catalogue } from '@custos/runbooks';
import { createPlannerActivities, type L2PlanInput, type L2PlannerDeps, type L2PlannerLimits, type L2PlanOutcome } from '../../src/central/planner/index.js';
import { plannerCatalogue } from './fixture-catalogue.js';

export interface PlannerWorld {
  db: Kysely<Database>;
  catalogue: Catalogue;
  llm: ScriptedLlm;
  deps(over?: { limits?: Partial<L2PlannerLimits>; apiKey?: string | null; model?: string; timeoutMs?: number }): L2PlannerDeps;
  /** Runs planL2 in an activity context at the given attempt. */
  plan(deps: L2PlannerDeps, input: L2PlanInput, attempt?: number): Promise<L2PlanOutcome>;
  close(): Promise<void>;
}

export const LIMITS: L2PlannerLimits = { dailyTokens: 1_000_000, maxConcurrent: 3, minConfidence: 0.7, maxOutputTokens: 500, timeoutSeconds: 10 };

export async function plannerWorld(label: string): Promise<PlannerWorld> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = connectDatabase(database.url, { max: 4 });
  await migrateToLatest(db);
  const { catalogue, cleanup } = plannerCatalogue();
  const llm = await startScriptedLlm({ models: ['gpt-4o-mini'] });
  return {
    db,
    catalogue,
    llm,
    deps(over = {}) {
      const apiKey = over.apiKey === undefined ? llm.apiKey : over.apiKey;
      return {
        catalogue,
        db,
        llm:
          apiKey === null
            ? undefined
            : { client: new OpenAI({ apiKey, baseURL: llm.baseUrl, maxRetries: 0, timeout: over.timeoutMs ?? 10_000 }), model: over.model ?? 'gpt-4o-mini' },
        limits: { ...LIMITS, ...over.limits },
        scrub: { scrubIps: true },
      };
    },
    plan(deps, input, attempt = 1) {
      return new MockActivityEnvironment({ attempt }).run(createPlannerActivities(deps).planL2, input);
    },
    async close() {
      await llm.close();
      await db.destroy();
      await database.drop();
      cleanup();
    },
  };
}

/** A failing service check on a workstation, with PHI in the output and facts, and an injection attempt. */
export function serviceFinding(over: Partial<L2PlanInput> = {}): L2PlanInput {
  return {
    healId: 'heal:site-a:host-1:finding-1',
    siteId: 'site-a',
    hostId: 'host-1',
    findingId: 'finding-1',
    hostKind: 'workstation',
    runbookId: 'RB-WIN-SVC-001',
    runbookVersion: 1,
    status: 'fail',
    severity: 'high',
    output: {
      value: 9,
      service: 'WinDefend',
      state: 'Stopped',
      lastError: 'Service stopped by CLINIC\\mgarcia from 10.20.30.40 while Patient: Eve Adams (MRN: 00482913, DOB 01/02/1980) was on screen',
    },
    hostFacts: { os: 'Windows 11 Pro 10.0.22631', lastLoggedOnUser: 'CLINIC\\mgarcia', owner: 'Dr. Alicia Park', contactEmail: 'front.desk@okclinic.example' },
    ...over,
  };
}

/** The PHI planted in serviceFinding: none of it may leave. */
export const PLANTED_PHI = ['mgarcia', '10.20.30.40', 'Eve Adams', '00482913', '01/02/1980', 'Alicia Park', 'front.desk@okclinic.example'];

export const validReply = (params: Record<string, unknown> = { serviceName: 'WinDefend', startupType: null }, confidence = 0.93) => ({
  kind: 'json' as const,
  content: { choice: { runbookId: 'RB-WIN-SVC-001', params }, rationale: 'The Defender service is stopped; RB-WIN-SVC-001 starts it.', confidence },
});
