import { makeReportCentral } from './report-central.js';
import { createEvidenceActivities, type EvidenceActivityDeps } from './evidence/index.js';
import { createPlannerActivities, type L2PlannerDeps } from './planner/index.js';
import { createNotifyActivities, type NotifyDeps } from './notify/index.js';
import { createScanHealActivities, type CentralRuntime } from './heal/scan-heal-activities.js';
import { createReportActivities } from './reports/report-activities.js';

export interface CentralActivityDeps {
  centralVersion: string;
  /** The evidence service; without it the evidence activities fail (retryably) until a worker has it. */
  evidence?: EvidenceActivityDeps;
  /** The L2 planner (planner/contract.ts); without it planL2 answers `skipped` and findings go to L3. */
  planner?: L2PlannerDeps;
  /** Email, signed webhooks and chat (notify/contract.ts); without it every delivery reports "not configured". */
  notify?: NotifyDeps;
  /** Database, catalogue and Temporal client for scans, heals, approvals, the flywheel and schedules. */
  scanHeal?: CentralRuntime;
}

/** Activities the central worker registers on the `central` queue. */
export function createCentralActivities(deps: CentralActivityDeps) {
  return {
    reportCentral: makeReportCentral(deps),
    ...createEvidenceActivities(deps.evidence),
    ...createPlannerActivities(deps.planner),
    ...createNotifyActivities(deps.notify),
    ...createScanHealActivities(deps.scanHeal),
    ...createReportActivities({ scanHeal: deps.scanHeal, evidence: deps.evidence }),
  };
}

export type { CentralReport } from './report-central.js';
export type { CentralRuntime } from './heal/scan-heal-activities.js';
export { plannerDepsFromConfig, PLANNER_CONFIG_KEYS, type L2PlannerDeps } from './planner/index.js';
export { notifyDepsFromConfig, NOTIFY_CONFIG_KEYS, verifyWebhook, webhookSigningSecret, type NotifyDeps } from './notify/index.js';
export { DEFAULT_SITE_CONFIG, SITE_ENTITY, siteEntityWorkflowId, type SiteConfig, type SiteSnapshot } from './schedules/site-entity-contract.js';
export { defaultSnapshot, enableSiteSchedules, ensureSiteEntity, readSiteSnapshot, type SiteEntityInput } from './schedules/site-entity-client.js';
export { hasSiteSchedules, siteScheduleIds } from './schedules/site-schedules.js';
