import { Worker, type NativeConnection } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { siteTaskQueue } from '@custos/core';
import { createSiteActivities, type SiteActivityDeps } from '@custos/activities';

export interface ApplianceWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activityDeps: SiteActivityDeps;
  /** The encrypting converter (`dataConverterFromConfig` from @custos/runtime): payloads leave the site encrypted. */
  dataConverter: DataConverter;
}

/**
 * Activities only, on the site's own queue. No workflow code is shipped to or run on a site, so
 * nothing on the appliance can decide what happens next — it only does what central asks.
 */
export function createApplianceWorker(options: ApplianceWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: siteTaskQueue(options.activityDeps.siteId),
    activities: createSiteActivities(options.activityDeps),
    dataConverter: options.dataConverter,
  });
}
