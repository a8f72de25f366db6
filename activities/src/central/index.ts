import { makeReportCentral } from './report-central.js';

export interface CentralActivityDeps {
  centralVersion: string;
}

/** Activities the central worker registers on the `central` queue. */
export function createCentralActivities(deps: CentralActivityDeps) {
  return {
    reportCentral: makeReportCentral(deps),
  };
}

export type { CentralReport } from './report-central.js';
