import { createRequire } from 'node:module';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataConverter, Duration } from '@temporalio/common';
import { CENTRAL_TASK_QUEUE } from '@custos/core';
import { createCentralActivities, type CentralActivityDeps } from '@custos/activities';

const require = createRequire(import.meta.url);

/** The workflows entry point; the worker bundles it at start unless a prebuilt bundle is given. */
export const WORKFLOWS_PATH = require.resolve('@custos/workflows');

export interface CentralWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** `central` in production; tests pass a queue of their own so parallel test files stay isolated. */
  taskQueue?: string;
  activityDeps: CentralActivityDeps;
  /** A bundle from `bundleWorkflowCode`, to skip webpack at start (production, and tests reusing one bundle). */
  workflowBundle?: WorkflowBundleOption;
  /** The encrypting converter (`dataConverterFromConfig` from @custos/runtime); a prebuilt bundle must be built with its failureConverterPath. */
  dataConverter: DataConverter;
  /** On shutdown, how long running activities may finish before they are cancelled (default 30 s). */
  shutdownGraceTime?: Duration;
}

/** Every workflow and every central activity, on one queue. */
export function createCentralWorker(options: CentralWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? CENTRAL_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createCentralActivities(options.activityDeps),
    dataConverter: options.dataConverter,
    shutdownGraceTime: options.shutdownGraceTime ?? '30 seconds',
  });
}
