import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Client, ScheduleOptionsStartWorkflowAction, ScheduleSpec } from '@temporalio/client';

export interface AnchoringScheduleOptions {
  /** `evidence-anchoring` unless several deployments share a namespace. */
  readonly scheduleId?: string;
  /** The queue of the central worker (`central` in production). */
  readonly taskQueue: string;
  /** How often a pass runs (default every 15 minutes: reference/evidence.md §7.1 asks for 5–15). */
  readonly everyMinutes?: number;
  /** Input of each `anchorEvidence` pass. */
  readonly input?: Record<string, unknown>;
}

/**
 * Creates, or brings up to date, the Temporal Schedule that runs `anchorEvidence`. A Schedule rather
 * than a sleeping loop: operators see the next run, can pause it with a note, and SKIP keeps passes
 * from piling up behind a slow TSA. The central worker calls it at start.
 */
export async function ensureAnchoringSchedule(client: Client, options: AnchoringScheduleOptions): Promise<string> {
  const scheduleId = options.scheduleId ?? 'evidence-anchoring';
  const spec: ScheduleSpec = { intervals: [{ every: `${options.everyMinutes ?? 15} minutes` }] };
  const action: ScheduleOptionsStartWorkflowAction<(input: Record<string, unknown>) => Promise<unknown>> = {
    type: 'startWorkflow',
    workflowType: 'anchorEvidence',
    args: [options.input ?? {}],
    taskQueue: options.taskQueue,
    workflowId: `${scheduleId}-pass`,
  };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP } }));
  }
  return scheduleId;
}
