import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import type { RecordEvidenceInput, RecordedEvidence } from '@custos/activities/evidence';
import { exportWorkflowHistory } from './export-history.workflow.js';
import type { ExportHistoryInput } from './export-history.workflow.js';
import { evidenceActivities } from './proxies.js';

/**
 * Call once, first thing, in a scan, heal or approval workflow: when this run closes — however it
 * closes — its history is exported, signed, stored under Object Lock and appended to the site's log.
 * The exporter is a child with ParentClosePolicy ABANDON, so it survives the run it watches.
 * The workflow id of the calling run must be an opaque id (lowercase, digits, `.` `_` `:` `-`).
 */
export async function recordHistoryEvidence(siteId: string, poll?: ExportHistoryInput['poll']): Promise<void> {
  const { workflowId, runId } = workflowInfo();
  await startChild(exportWorkflowHistory, {
    // The run id alone (a UUID) names the child: a history carries its run id but not its workflow id,
    // so replay tools pass an arbitrary one, and the child id must not change on replay.
    workflowId: `history-evidence:${runId}`,
    args: [{ workflowId, runId, siteId, ...(poll ? { poll } : {}) }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}

/**
 * Records one scan, heal or approval bundle in the site's log. `requestKey` makes it idempotent: use
 * something unique to this outcome, e.g. `scan:<workflowId>:<runId>`. Retries until it is stored.
 */
export function recordEvidence(input: RecordEvidenceInput): Promise<RecordedEvidence> {
  return evidenceActivities().recordEvidence(input);
}
