/**
 * One appliance call through the gateway: authenticate, apply the method's rule, check task
 * ownership, stamp the identity, forward, and on the way back bind delivered tasks to the caller.
 */
import grpc from '@grpc/grpc-js';
import proto from '@temporalio/proto';
import type { Kysely } from 'kysely';
import type { Database } from '@custos/db';
import { authenticateAppliance, stillLive } from './appliance-auth.js';
import { notAllowed, RULES, stampedIdentity, type ApplianceCaller, type PolicyContext } from './policy.js';
import { badRequest, forbidden, GatewayRefusal, unauthenticated, unavailable } from './refusal.js';
import type { RefusalAudit, GatewayLogger } from './refusal-audit.js';
import type { DeliveredTask, TaskLedger } from './task-ledger.js';
import type { Upstream } from './upstream.js';
import { decodeRequest, decodeResponse, withStringField } from './wire.js';

export interface CallDeps {
  db: Kysely<Database>;
  upstream: Upstream;
  ledger: TaskLedger;
  audit: RefusalAudit;
  logger: GatewayLogger;
  policy: PolicyContext;
  now?: () => Date;
}

const ANSWERS = new Set(['RespondActivityTaskCompleted', 'RespondActivityTaskFailed', 'RespondActivityTaskCanceled']);

export async function handleCall(deps: CallDeps, method: string, call: grpc.ServerUnaryCall<Buffer, Buffer>): Promise<Buffer> {
  const now = () => deps.now?.() ?? new Date();
  let caller: ApplianceCaller | undefined;
  try {
    caller = await authenticateAppliance(deps.db, call.metadata);
    const rule = RULES[method];
    if (!rule) throw forbidden(notAllowed(method));
    let request: Record<string, unknown>;
    try {
      request = decodeRequest(method, call.request);
    } catch (err) {
      throw badRequest(`the ${method} request could not be decoded: ${(err as Error).message}`);
    }
    const reason = rule.check(request, caller, deps.policy);
    if (reason) throw forbidden(reason);
    const token = (request.taskToken ?? new Uint8Array()) as Uint8Array;
    if (rule.answersTask && !(await deps.ledger.isFor(token, caller, now()))) {
      throw forbidden(`${method}: this task token was not delivered to this appliance through the gateway`);
    }

    const body = rule.identityField ? withStringField(call.request, rule.identityField, stampedIdentity(caller, String(request.identity ?? ''))) : call.request;
    const abort = new AbortController();
    call.once('cancelled', () => abort.abort());
    let response: Buffer;
    try {
      response = await deps.upstream.unary(method, body, deps.upstream.metadataFrom(call.metadata), call.getDeadline(), abort.signal);
    } catch (err) {
      // The task is gone server-side (completed, timed out): its binding is useless now.
      if (ANSWERS.has(method) && (err as grpc.ServiceError).code === grpc.status.NOT_FOUND) await deps.ledger.forget(token);
      throw err;
    }
    if (method === 'PollActivityTaskQueue') await bindDeliveredTask(deps, response, caller, now());
    if (ANSWERS.has(method)) await deps.ledger.forget(token);
    return response;
  } catch (err) {
    if (err instanceof GatewayRefusal && err.code !== grpc.status.UNAVAILABLE) {
      await deps.audit.record({ caller, method, reason: err.message, peer: call.getPeer() });
    }
    throw err;
  }
}

async function bindDeliveredTask(deps: CallDeps, response: Buffer, caller: ApplianceCaller, at: Date): Promise<void> {
  const task = decodeResponse<DeliveredTask>('PollActivityTaskQueue', response);
  if (!task.taskToken || task.taskToken.length === 0) return; // an empty long-poll result
  // Revoked while the long poll was waiting: the task must not reach it. Hand it back to Temporal as
  // a retryable failure, so the workflow's retry policy runs it again instead of waiting for a timeout.
  if (!(await stillLive(deps.db, caller))) {
    await returnUndeliveredTask(deps, task.taskToken);
    throw unauthenticated('the appliance token is unknown or the appliance was revoked');
  }
  try {
    await deps.ledger.delivered(task, caller, at);
  } catch (err) {
    deps.logger.error({ err, applianceId: caller.applianceId }, 'could not record a delivered task');
    throw unavailable('could not record the delivered task; it will be retried');
  }
}

async function returnUndeliveredTask(deps: CallDeps, taskToken: Uint8Array): Promise<void> {
  const request = proto.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest.encode({
    namespace: deps.policy.namespace,
    taskToken,
    identity: 'appliance-gateway',
    failure: { message: 'the appliance was revoked before this task reached it', applicationFailureInfo: { type: 'ApplianceRevoked', nonRetryable: false } },
  }).finish();
  try {
    await deps.upstream.unary('RespondActivityTaskFailed', Buffer.from(request), deps.upstream.metadataFrom(new grpc.Metadata()), Date.now() + 10_000, new AbortController().signal);
  } catch (err) {
    deps.logger.error({ err }, 'could not hand an undelivered task back to Temporal; it will time out instead');
  }
}
