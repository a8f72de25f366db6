import { makeReportAppliance } from './report-appliance.js';

export interface SiteActivityDeps {
  siteId: string;
  applianceVersion: string;
}

/** Activities the appliance worker registers on `site.<siteId>`. */
export function createSiteActivities(deps: SiteActivityDeps) {
  return {
    reportAppliance: makeReportAppliance(deps),
  };
}

export type { ApplianceReport } from './report-appliance.js';
