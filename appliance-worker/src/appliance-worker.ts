import { Worker, type NativeConnection } from '@temporalio/worker';
import type { DataConverter, Duration } from '@temporalio/common';
import { siteTaskQueue } from '@custos/core';
import { createSiteActivities, type SiteActivityDeps } from '@custos/activities/site';

export interface ApplianceWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activityDeps: SiteActivityDeps;
  /** The encrypting converter (`dataConverterFromConfig` from @custos/runtime): payloads leave the site encrypted. */
  dataConverter: DataConverter;
  /** On shutdown, how long running activities may finish before they are cancelled (default 30 s). */
  shutdownGraceTime?: Duration;
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
    // A remediation in flight gets time to finish and record its result in the journal; one that is
    // cut off is safe anyway: its retry finds the journal's intent and re-checks before sending.
    shutdownGraceTime: options.shutdownGraceTime ?? '30 seconds',
  });
}
