/**
 * A scan's evidence: one signed bundle per recorded batch (the control results of its hosts), so
 * each bundle stays small whatever the site's size. The request key makes a retried batch record
 * the bundle it recorded the first time, never a second copy.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { ScanRecord } from '@custos/activities/types';
import { recordEvidence } from '../evidence/record.js';

export async function recordScanBatchEvidence(siteId: string, batch: number, startedAt: string, record: ScanRecord): Promise<void> {
  if (record.controls.length === 0) return;
  const { workflowId, runId } = workflowInfo();
  await recordEvidence({
    requestKey: `scan:${workflowId}:${runId}:${batch}`,
    siteId,
    kind: 'scan',
    runId,
    startedAt,
    finishedAt: new Date(Date.now()).toISOString(),
    controls: record.controls,
  });
}
