import { makePlanL2, type L2PlannerDeps } from './plan-l2.js';

/** The L2 planner's activities; without deps every call answers `skipped` (L2 not configured). */
export function createPlannerActivities(deps: L2PlannerDeps | undefined) {
  return { planL2: makePlanL2(deps) };
}

export type { L2PlannerDeps, L2PlannerLimits } from './plan-l2.js';
export { plannerDepsFromConfig, PLANNER_CONFIG_KEYS, type PlannerConfig } from './planner-deps.js';
export type * from './contract.js';
