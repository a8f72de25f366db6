import { proxyActivities } from '@temporalio/workflow';
import type { CentralActivities } from '@custos/activities/types';
import { NON_RETRYABLE_FAILURES } from '@custos/core';

// Packet activities run on the workflow's own queue. An evidence store or database outage must
// delay a packet, not lose it: retries are unbounded (the workflow's execution timeout bounds them)
// with back-off capped at five minutes; only failures retrying cannot fix stop them.
const retry = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] };

/** Reading a 200-host month of evidence takes minutes; it heartbeats, so a crashed worker is noticed within two. */
export function gatherActivities() {
  return proxyActivities<CentralActivities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '2 minutes', retry });
}

/** Recording decisions and storing the packet's files: bounded work, no heartbeats. */
export function storeActivities() {
  return proxyActivities<CentralActivities>({ startToCloseTimeout: '10 minutes', retry });
}
