import { continueAsNew, sleep, workflowInfo } from '@temporalio/workflow';
import type { RecordedEvidence } from '@custos/activities/evidence';
import { evidenceActivities } from './proxies.js';

export interface ExportHistoryInput {
  /** The run whose history becomes evidence once it has closed. */
  readonly workflowId: string;
  readonly runId: string;
  readonly siteId: string;
  /** Polling for the close: first wait and cap, in seconds (defaults 5 s doubling to 10 min). */
  readonly poll?: { readonly firstSeconds?: number; readonly maxSeconds?: number };
}

/**
 * Waits for a workflow run to close (completed, failed, cancelled, terminated, timed out or continued
 * as new), then records its history as signed evidence in the site's log. Started as an abandoned
 * child by `recordHistoryEvidence`, so it outlives the run it watches; a heal waiting days for an
 * approval is polled with a growing interval and continues as new before its own history grows large.
 */
export async function exportWorkflowHistory(input: ExportHistoryInput): Promise<RecordedEvidence> {
  const max = input.poll?.maxSeconds ?? 600;
  let wait = Math.min(input.poll?.firstSeconds ?? 5, max);
  const { recordClosedHistory } = evidenceActivities();
  for (;;) {
    const result = await recordClosedHistory({ workflowId: input.workflowId, runId: input.runId, siteId: input.siteId });
    if (result.state === 'recorded') return result.evidence;
    await sleep(wait * 1000);
    wait = Math.min(wait * 2, max);
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof exportWorkflowHistory>({ ...input, poll: { firstSeconds: wait, maxSeconds: max } });
    }
  }
}
