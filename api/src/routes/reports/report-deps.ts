import { randomUUID } from 'node:crypto';
import { Client, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { CENTRAL_TASK_QUEUE } from '@custos/core';
import type { AttestableControl } from '@custos/activities/reports';
import type { ControlDefinition, Framework, RunbookApplicability } from '@custos/core';
import type { CompliancePacketInput } from '@custos/workflows/messages';

/** What the report and attestation routes start in Temporal. A seam so route tests of pure logic need no server. */
export interface ReportWorkflows {
  /** Starts `compliancePacket` for a finished month as `identity`; returns its workflow id. */
  startPacket(input: { clientId: string; month: string; requestedBy: string }, identity: string): Promise<{ workflowId: string }>;
  /** Starts the recording of a client's new attestation or risk acceptance as evidence. */
  startDecisionRecording(input: { clientId: string; decisionId: string }, identity: string): Promise<{ workflowId: string }>;
}

export interface ReportDeps {
  workflows: ReportWorkflows;
  /** The controls a client user may attest (manual and partial ones), from the control catalogue. */
  attestable(): readonly AttestableControl[];
  /** What posture is scored on: the packet's frameworks and controls, and where each runbook applies. */
  posture(): PostureCatalogue;
}

export interface PostureCatalogue {
  frameworks: readonly Framework[];
  controls: readonly ControlDefinition[];
  runbooks: readonly RunbookApplicability[];
}

/**
 * The real starter over a Temporal connection, one Client per identity (recorded in the run's
 * history as who asked). Manual packet runs have ids of their own, so they never collide with the
 * client's scheduled runs; a decision's recording is keyed by the decision.
 */
export function temporalReportWorkflows(connection: Connection, namespace: string, dataConverter: DataConverter, taskQueue: string = CENTRAL_TASK_QUEUE): ReportWorkflows {
  const clients = new Map<string, Client>();
  const clientFor = (identity: string): Client => {
    let c = clients.get(identity);
    if (!c) {
      if (clients.size > 1000) clients.clear();
      clients.set(identity, (c = new Client({ connection, namespace, identity, dataConverter })));
    }
    return c;
  };
  return {
    async startPacket(input, identity) {
      const workflowId = `compliance-packet:${input.clientId}:${input.month}:manual:${randomUUID()}`;
      const args: [CompliancePacketInput] = [{ clientId: input.clientId, month: input.month, trigger: 'manual', requestedBy: input.requestedBy }];
      await clientFor(identity).workflow.start('compliancePacket', { taskQueue, workflowId, args, workflowExecutionTimeout: '1 day' });
      return { workflowId };
    },
    async startDecisionRecording(input, identity) {
      const workflowId = `client-decision:${input.decisionId}`;
      await clientFor(identity).workflow.start('recordClientDecisionEvidence', { taskQueue, workflowId, args: [{ clientId: input.clientId }], workflowExecutionTimeout: '1 day' });
      return { workflowId };
    },
  };
}
