import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { CENTRAL_TASK_QUEUE, type Decision, type DecisionReceipt, type PendingApproval } from '@custos/core';
import { decide, pendingPlan } from '@custos/workflows/messages';

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
}

/**
 * The gateway over a real Temporal connection; one Client per identity, sharing the connection.
 * `dataConverter` must be the project's encrypting converter (@custos/runtime), the same the
 * workers use, or the workflow cannot read the decision.
 */
export function temporalGateway(connection: Connection, namespace: string, dataConverter: DataConverter): WorkflowGateway {
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
  };
}
