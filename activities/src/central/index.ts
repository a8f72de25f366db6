import { makeReportCentral } from './report-central.js';
import { createEvidenceActivities, type EvidenceActivityDeps } from './evidence/index.js';

export interface CentralActivityDeps {
  centralVersion: string;
  /** The evidence service; without it the evidence activities fail (retryably) until a worker has it. */
  evidence?: EvidenceActivityDeps;
}

/** Activities the central worker registers on the `central` queue. */
export function createCentralActivities(deps: CentralActivityDeps) {
  return {
    reportCentral: makeReportCentral(deps),
    ...createEvidenceActivities(deps.evidence),
  };
}

export type { CentralReport } from './report-central.js';
