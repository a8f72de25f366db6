import type { Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { loadCatalogue, postureControls, type Catalogue } from '@custos/runbooks';
import { attestableControls, PACKET_FRAMEWORKS, type AttestableControl } from '@custos/activities/reports';
import { temporalReportWorkflows, type PostureCatalogue, type ReportDeps } from './report-deps.js';

/**
 * Report deps over Temporal and the control catalogue (CUSTOS_RUNBOOKS_DIR, else the shipped one).
 * The server loads the catalogue at start, so a broken catalogue stops it at once; `lazy` defers the
 * load to the first request that needs it (tests that never attest skip the seconds it takes).
 */
export function catalogueReportDeps(connection: Connection, namespace: string, dataConverter: DataConverter, root?: string, opts: { lazy?: boolean; taskQueue?: string } = {}): ReportDeps {
  let catalogue: Catalogue | undefined;
  let controls: readonly AttestableControl[] | undefined;
  let posture: PostureCatalogue | undefined;
  const load = () => (catalogue ??= loadCatalogue(root ? { root } : {}));
  const attestable = () => (controls ??= attestableControls(load()));
  // The packet's controls and runbook applicability, so API posture is scored on what the packet scores.
  const postureCatalogue = () => (posture ??= { frameworks: PACKET_FRAMEWORKS, controls: postureControls(load(), PACKET_FRAMEWORKS), runbooks: load().runbooks });
  if (!opts.lazy) postureCatalogue();
  return { workflows: temporalReportWorkflows(connection, namespace, dataConverter, opts.taskQueue), attestable, posture: postureCatalogue };
}
