import type { Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { loadCatalogue } from '@custos/runbooks';
import { attestableControls, type AttestableControl } from '@custos/activities/reports';
import { temporalReportWorkflows, type ReportDeps } from './report-deps.js';

/**
 * Report deps over Temporal and the control catalogue (CUSTOS_RUNBOOKS_DIR, else the shipped one).
 * The server loads the catalogue at start, so a broken catalogue stops it at once; `lazy` defers the
 * load to the first request that needs it (tests that never attest skip the seconds it takes).
 */
export function catalogueReportDeps(connection: Connection, namespace: string, dataConverter: DataConverter, root?: string, opts: { lazy?: boolean; taskQueue?: string } = {}): ReportDeps {
  let controls: readonly AttestableControl[] | undefined;
  const attestable = () => (controls ??= attestableControls(loadCatalogue(root ? { root } : {})));
  if (!opts.lazy) attestable();
  return { workflows: temporalReportWorkflows(connection, namespace, dataConverter, opts.taskQueue), attestable };
}
