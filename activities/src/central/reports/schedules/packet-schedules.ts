import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';

/** One Schedule per client: its packet for the previous month, on the 1st at 02:00 UTC. */
export const packetScheduleId = (clientId: string) => `compliance-packet:${clientId}`;

/** Workflow type and start input the schedule uses; the workflow picks the month from its scheduled time. */
export const COMPLIANCE_PACKET_WORKFLOW = 'compliancePacket';

// 02:00 UTC leaves the last evening's scans and their checkpoints an hour or two to be anchored.
const SPEC: ScheduleSpec = { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0, comment: 'monthly compliance packet for the previous month' }] };

function action(clientId: string, taskQueue: string): ScheduleOptionsAction {
  return {
    type: 'startWorkflow',
    workflowType: COMPLIANCE_PACKET_WORKFLOW,
    workflowId: packetScheduleId(clientId),
    taskQueue,
    args: [{ clientId, trigger: 'schedule' }],
    // A packet that cannot be made in a day is stuck (evidence store down): the next month retries.
    workflowExecutionTimeout: '1 day',
  };
}

/**
 * Creates the client's packet Schedule, or brings an existing one to the current spec and action
 * (keeping its paused state and note, which operators own). Overlap SKIP; a week of catch-up, so a
 * Temporal outage over the 1st still produces the packet when the service is back.
 */
export async function ensurePacketSchedule(temporal: Client, clientId: string, taskQueue: string): Promise<'created' | 'updated'> {
  const handle = temporal.schedule.getHandle(packetScheduleId(clientId));
  try {
    await handle.update((prev) => ({ ...prev, spec: SPEC, action: action(clientId, taskQueue) }));
    return 'updated';
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await temporal.schedule.create({
    scheduleId: packetScheduleId(clientId),
    spec: SPEC,
    action: action(clientId, taskQueue),
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    state: { note: 'monthly compliance packet (custos packet schedule)' },
  });
  return 'created';
}

/** Removes a client's packet Schedule; false when there was none. */
export async function removePacketSchedule(temporal: Client, clientId: string): Promise<boolean> {
  try {
    await temporal.schedule.getHandle(packetScheduleId(clientId)).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}
