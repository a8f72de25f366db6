import type { ApplianceReport, CentralReport } from '@custos/activities/types';
import { centralActivities, siteActivities } from '../proxies.js';

export interface PingSiteResult {
  site: ApplianceReport;
  central: CentralReport;
}

/**
 * Proof that the wiring works end to end: a workflow on `central` reaches the site's appliance
 * through its own queue and a central activity through `central`. Operators run it after enrolment.
 */
export async function pingSite(siteId: string): Promise<PingSiteResult> {
  const site = await siteActivities(siteId, { scheduleToClose: '5 minutes', startToClose: '30 seconds' }).reportAppliance(siteId);
  const central = await centralActivities().reportCentral();
  return { site, central };
}
