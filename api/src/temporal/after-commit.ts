import type { FastifyRequest } from 'fastify';

/**
 * Runs the Temporal side of a write that has already committed: a new site's entity workflow, its
 * Schedules once an appliance enrols, a new client's packet Schedule.
 *
 * When Temporal (or, for the Schedules, the central worker) cannot be reached, the committed write
 * stands and the request still succeeds: the failure is logged at warn with what is left to do,
 * and the central worker's start-up reconcile (workers/src/reconcile-schedules.ts) creates it,
 * idempotently, from the database. Restarting the central worker is the operator's fix. An error
 * response would be wrong twice over: the row exists whatever the status says, and a caller that
 * retries the POST creates a second site or client — an appliance cannot retry at all, its
 * one-time code is spent. The gateway bounds each call, so an outage never holds a request open.
 */
export async function afterCommit(request: FastifyRequest, pending: string, target: Record<string, string>, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    request.log.warn({ err, ...target, pending }, `${pending}: not done now (Temporal unreachable?); the central worker's start-up reconcile will do it`);
    return false;
  }
}
