import type { Worker } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createCentralWorker } from '@custos/workers';
import { createApplianceWorker } from '@custos/appliance-worker';
import type { CentralActivityDeps, SiteActivityDeps } from '@custos/activities';
import { inject } from 'vitest';
import { uniqueName } from './temporal.js';
import { testDataConverter } from './codec.js';

export interface RunningWorkers {
  /** The queue the central worker polls; start workflows on it. */
  centralTaskQueue: string;
  stop(): Promise<void>;
}

/**
 * A central worker on a queue of its own plus one appliance worker per site, all on the real dev
 * server, using the workflow bundle built once by the global set-up.
 */
export async function runWorkers(opts: {
  connection: NativeConnection;
  namespace: string;
  central: CentralActivityDeps;
  sites: SiteActivityDeps[];
  /** Defaults to the encrypting test converter (what `connectTemporal` gives its client). */
  dataConverter?: DataConverter;
  /** The central worker's queue; a fresh unique one by default. */
  centralTaskQueue?: string;
}): Promise<RunningWorkers> {
  const centralTaskQueue = opts.centralTaskQueue ?? uniqueName('central');
  const dataConverter = opts.dataConverter ?? testDataConverter();
  const workers: Worker[] = [
    await createCentralWorker({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: centralTaskQueue,
      activityDeps: opts.central,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      dataConverter,
    }),
    ...(await Promise.all(
      opts.sites.map((site) => createApplianceWorker({ connection: opts.connection, namespace: opts.namespace, activityDeps: site, dataConverter })),
    )),
  ];
  const runs = workers.map((w) => w.run());
  return {
    centralTaskQueue,
    async stop() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await Promise.all(runs);
    },
  };
}
