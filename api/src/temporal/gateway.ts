import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { CENTRAL_TASK_QUEUE, type Decision, type DecisionReceipt, type PendingApproval } from '@custos/core';
import { decide, pendingPlan } from '@custos/workflows/messages';
import { ensurePacketSchedule } from '@custos/activities/reports';
import { enableSiteSchedules, ensureSiteEntity } from '@custos/activities/central';

/** The decide Update was refused (its validator threw) or failed; nothing was recorded in history. */
export class DecisionRefused extends Error {
  override readonly name = 'DecisionRefused';
}

export class WorkflowMissing extends Error {
  override readonly name = 'WorkflowMissing';
}

/** What the API asks of Temporal. A seam so route tests of pure logic need no server. */
export interface WorkflowGateway {
  pendingPlan(workflowId: string): Promise<PendingApproval | null>;
  /** Sends `decide` as `identity`, which Temporal records in the accepted Update's history event. */
  decide(workflowId: string, decision: Decision, identity: string): Promise<DecisionReceipt>;
  startScan(siteId: string, identity: string): Promise<{ workflowId: string }>;
  /** Starts the site's entity workflow (`site:<siteId>`) without Schedules; nothing changes if it runs already. */
  ensureSiteEntity(siteId: string): Promise<void>;
  /** Turns the site's scan and discovery Schedules on (configureSite with manageSchedules), starting the entity if needed. */
  enableSiteSchedules(siteId: string): Promise<void>;
  /** Creates the client's monthly packet Schedule, or brings it to the current spec. */
  ensurePacketSchedule(clientId: string): Promise<void>;
}

export interface GatewayOptions {
  /** Queue the site entities and packet Schedules run on: the central worker's (default), or a test's own. */
  taskQueue?: string;
  /**
   * Longest wait for one of the provisioning calls above (default 10 s). They run after the
   * database has committed; past this the caller logs and the central worker's start-up
   * reconcile finishes the job, so a Temporal outage never holds a request open.
   */
  provisionTimeoutMs?: number;
}

/**
 * The gateway over a real Temporal connection; one Client per identity, sharing the connection.
 * `dataConverter` must be the project's encrypting converter (@custos/runtime), the same the
 * workers use, or the workflow cannot read the decision.
 */
export function temporalGateway(connection: Connection, namespace: string, dataConverter: DataConverter, options: GatewayOptions = {}): WorkflowGateway {
  const taskQueue = options.taskQueue ?? CENTRAL_TASK_QUEUE;
  const timeoutMs = options.provisionTimeoutMs ?? 10_000;
  const clients = new Map<string, Client>();
  const clientFor = (identity: string): Client => {
    let c = clients.get(identity);
    if (!c) {
      c = new Client({ connection, namespace, identity, dataConverter });
      if (clients.size > 1000) clients.clear();
      clients.set(identity, c);
    }
    return c;
  };
  const system = clientFor('custos-api');
  const bounded = <T>(fn: () => Promise<T>): Promise<T> => system.withDeadline(Date.now() + timeoutMs, fn);
  return {
    async pendingPlan(workflowId) {
      try {
        return await system.workflow.getHandle(workflowId).query(pendingPlan);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw new WorkflowMissing(workflowId);
        throw err;
      }
    },
    async decide(workflowId, decision, identity) {
      try {
        return await clientFor(identity).workflow.getHandle(workflowId).executeUpdate(decide, { args: [decision] });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) {
          const cause = err.cause instanceof Error ? err.cause.message : 'refused';
          throw new DecisionRefused(cause);
        }
        if (err instanceof WorkflowNotFoundError) throw new WorkflowMissing(workflowId);
        throw err;
      }
    },
    async startScan(siteId, identity) {
      // Manual scans get their own id so they never collide with the site's scheduled runs.
      const workflowId = `scan:${siteId}:manual:${new Date().toISOString()}`;
      await clientFor(identity).workflow.start('scanSite', { taskQueue: CENTRAL_TASK_QUEUE, workflowId, args: [{ siteId, trigger: 'manual' }] });
      return { workflowId };
    },
    async ensureSiteEntity(siteId) {
      await bounded(() => ensureSiteEntity(system, siteId, { taskQueue, manageSchedules: false }));
    },
    async enableSiteSchedules(siteId) {
      // Completes once the entity has taken the change (it then writes the Schedules): needs the central worker polling.
      await bounded(() => enableSiteSchedules(system, siteId, { taskQueue }));
    },
    async ensurePacketSchedule(clientId) {
      await bounded(() => ensurePacketSchedule(system, clientId, taskQueue));
    },
  };
}
