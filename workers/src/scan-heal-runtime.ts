/**
 * The central worker's scan/heal runtime from config: the database, the runbook catalogue (loaded
 * and validated once; a bad catalogue stops the worker with every problem listed), and a Temporal
 * client (same codec as the worker) for Schedules, the site entities and the flywheel.
 */
import { Client, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { CentralRuntime } from '@custos/activities';
import { connectDatabase } from '@custos/db';
import { loadCatalogue } from '@custos/runbooks';
import type { CentralWorkerConfig } from './config.js';

/** The flywheel entity's workflow id: one per deployment (namespace). */
export const FLYWHEEL_WORKFLOW_ID = 'flywheel';

export interface ScanHealRuntime {
  runtime: CentralRuntime;
  close(): Promise<void>;
}

export function buildScanHealRuntime(config: CentralWorkerConfig, connection: Connection, dataConverter: DataConverter): ScanHealRuntime {
  const catalogue = loadCatalogue(config.runbooksDir ? { root: config.runbooksDir } : {});
  const db = connectDatabase(config.databaseUrl, { max: 10 });
  const temporal = new Client({ connection, namespace: config.temporalNamespace, dataConverter, identity: 'custos-central-worker' });
  return {
    runtime: { db, catalogue, temporal, flywheelWorkflowId: FLYWHEEL_WORKFLOW_ID, scanBatchSize: config.scanBatchHosts, scanParallelBatches: config.scanParallelBatches },
    close: () => db.destroy(),
  };
}
