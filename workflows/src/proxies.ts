import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { CentralActivities, SiteActivities } from '@custos/activities/types';
import { NON_RETRYABLE_FAILURES, siteTaskQueue } from '@custos/core';

/**
 * Central activities: Postgres, evidence store, signing, planner. Short, retried a few times.
 * No explicit task queue: they run on the workflow's own queue (`central` in production), which
 * lets each integration test run an isolated central worker on a queue of its own.
 */
export function centralActivities() {
  return proxyActivities<CentralActivities>({
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 5, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
}

export interface SiteCallOptions {
  /** How long to wait for an appliance that is offline, all attempts included. */
  scheduleToClose?: Duration;
  /** One attempt. */
  startToClose?: Duration;
  /** Set for long activities: a crashed appliance is noticed this soon and the attempt retried. */
  heartbeat?: Duration;
  maximumAttempts?: number;
}

/**
 * Activities on one site's appliance. scheduleToClose bounds how long a workflow waits for an
 * appliance that is offline; heartbeats catch one that died mid-task.
 */
export function siteActivities(siteId: string, opts: SiteCallOptions = {}) {
  return proxyActivities<SiteActivities>({
    taskQueue: siteTaskQueue(siteId),
    scheduleToCloseTimeout: opts.scheduleToClose ?? '30 minutes',
    startToCloseTimeout: opts.startToClose ?? '10 minutes',
    ...(opts.heartbeat !== undefined ? { heartbeatTimeout: opts.heartbeat } : {}),
    retry: { maximumAttempts: opts.maximumAttempts ?? 3, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
}

/**
 * Short central bookkeeping (database reads and writes, entity queries and updates) as local
 * activities: they run inside the central worker's workflow task, without a round trip through the
 * server per step, which is most of a heal's latency on a small deployment. Their results are still
 * recorded (as markers), so replays and auditors see them. Anything that may take long or must
 * survive a worker restart mid-call (evidence, notifications, WinRM) stays a normal activity.
 */
export function centralLocalActivities() {
  return proxyLocalActivities<CentralActivities>({
    startToCloseTimeout: '1 minute',
    retry: { maximumAttempts: 5, nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURES] },
  });
}
