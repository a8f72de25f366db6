// A workflow bundle for one test: a run that asks for its own history to become evidence, the way
// scan, heal and approval workflows do, plus the exporter it starts.
import { ApplicationFailure } from '@temporalio/workflow';
import { recordHistoryEvidence } from '../../../../workflows/src/evidence/record.js';

export { exportWorkflowHistory } from '../../../../workflows/src/evidence/export-history.workflow.js';

export async function recordsItsHistory(siteId: string, fail: boolean): Promise<string> {
  await recordHistoryEvidence(siteId, { firstSeconds: 1, maxSeconds: 1 });
  if (fail) throw ApplicationFailure.nonRetryable('deliberate failure after asking for history evidence', 'TestFailure');
  return 'done';
}
