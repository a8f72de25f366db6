import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, siteIdOfTaskQueue } from '@custos/core';

export interface ApplianceReport {
  siteId: string;
  applianceVersion: string;
  taskQueue: string;
  reportedAt: string;
}

/**
 * Answers "which appliance is this, and is it serving the site it was asked about?". A task that
 * reached the wrong site's queue is refused rather than answered.
 */
export function makeReportAppliance(deps: { siteId: string; applianceVersion: string }) {
  return async function reportAppliance(expectedSiteId: string): Promise<ApplianceReport> {
    const { taskQueue } = activityInfo();
    if (expectedSiteId !== deps.siteId || siteIdOfTaskQueue(taskQueue) !== deps.siteId) {
      throw ApplicationFailure.create({
        type: FailureType.InvalidInput,
        nonRetryable: true,
        message: `appliance for site ${deps.siteId} was asked about site ${expectedSiteId} on queue ${taskQueue}`,
      });
    }
    return { siteId: deps.siteId, applianceVersion: deps.applianceVersion, taskQueue, reportedAt: new Date().toISOString() };
  };
}
