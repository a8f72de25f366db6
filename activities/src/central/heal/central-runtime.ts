import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '@custos/db';
import type { Catalogue } from '@custos/runbooks';

/** What the central scan/heal activities share inside the central worker. */
export interface CentralRuntime {
  db: Kysely<Database>;
  /** The runbook catalogue: which checks exist, their flags, hand-written L1 rules. */
  catalogue: Catalogue;
  /** For Schedules, the site entity and the flywheel (their own payloads go through the same codec). */
  temporal: Client;
  /** The flywheel entity's workflow id (one per deployment; tests use their own). */
  flywheelWorkflowId: string;
  /** Hosts per checkHosts activity and how many such batches run at once (defaults 10 and 4). */
  scanBatchSize?: number;
  scanParallelBatches?: number;
}
