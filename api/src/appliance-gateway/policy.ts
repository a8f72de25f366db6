/**
 * What an appliance may ask Temporal through the gateway — exactly what an activity worker for its
 * own site needs — and nothing else. Pure: each rule looks at the decoded request and the caller.
 * Task-token checks need the ledger and live in gateway-call.ts; rules here mark which calls need one.
 */
import { siteTaskQueue } from '@custos/core';

export interface ApplianceCaller {
  applianceId: string;
  partnerId: string;
  clientId: string;
  siteId: string;
}

export interface PolicyContext {
  namespace: string;
}

export interface Rule {
  /** Undefined to allow, else the reason for refusing (shown to the caller). */
  check(request: Record<string, unknown>, caller: ApplianceCaller, ctx: PolicyContext): string | undefined;
  /** Field number of `identity` in the request: the gateway stamps the authenticated appliance there. */
  identityField?: number;
  /** The request answers a delivered activity task: its token must have been delivered to this caller. */
  answersTask?: boolean;
}

type Req = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function sameNamespace(req: Req, ctx: PolicyContext): string | undefined {
  const ns = str(req.namespace);
  return ns === ctx.namespace ? undefined : `namespace "${ns}" is not served here (only "${ctx.namespace}")`;
}

/** A worker heartbeat may describe only the caller's own queue (or none). */
function ownHeartbeat(hb: unknown, caller: ApplianceCaller): string | undefined {
  const queue = str((hb as Req | null | undefined)?.taskQueue);
  return queue === '' || queue === siteTaskQueue(caller.siteId) ? undefined : `a worker heartbeat for task queue "${queue}" is not this appliance's`;
}

const allow: Rule['check'] = () => undefined;

export const RULES: Readonly<Record<string, Rule>> = {
  GetSystemInfo: { check: allow },
  DescribeNamespace: {
    check: (req, _c, ctx) => (str(req.id) !== '' ? 'namespaces may only be described by name' : sameNamespace(req, ctx)),
  },
  PollActivityTaskQueue: {
    identityField: 3,
    check: (req, caller, ctx) => {
      const ns = sameNamespace(req, ctx);
      if (ns) return ns;
      const queue = (req.taskQueue ?? {}) as Req;
      const own = siteTaskQueue(caller.siteId);
      if (str(queue.name) !== own) return `this appliance may poll only ${own}, not "${str(queue.name)}"`;
      // 0 = unspecified, 1 = normal; sticky queues belong to workflow workers.
      if (queue.kind !== undefined && queue.kind !== 0 && queue.kind !== 1) return 'only normal task queues may be polled';
      if (str(req.workerControlTaskQueue) !== '') return 'worker control task queues are not available to appliances';
      return undefined;
    },
  },
  RespondActivityTaskCompleted: { identityField: 3, answersTask: true, check: (req, _c, ctx) => sameNamespace(req, ctx) },
  RespondActivityTaskFailed: { identityField: 3, answersTask: true, check: (req, _c, ctx) => sameNamespace(req, ctx) },
  RespondActivityTaskCanceled: { identityField: 3, answersTask: true, check: (req, _c, ctx) => sameNamespace(req, ctx) },
  RecordActivityTaskHeartbeat: { identityField: 3, answersTask: true, check: (req, _c, ctx) => sameNamespace(req, ctx) },
  ShutdownWorker: {
    identityField: 3,
    check: (req, caller, ctx) => {
      const ns = sameNamespace(req, ctx);
      if (ns) return ns;
      if (str(req.stickyTaskQueue) !== '') return 'appliances have no sticky task queue to shut down';
      const queue = str(req.taskQueue);
      if (queue !== '' && queue !== siteTaskQueue(caller.siteId)) return `task queue "${queue}" is not this appliance's`;
      return ownHeartbeat(req.workerHeartbeat, caller);
    },
  },
  RecordWorkerHeartbeat: {
    identityField: 2,
    check: (req, caller, ctx) => sameNamespace(req, ctx) ?? ownHeartbeat(req.workerHeartbeat, caller),
  },
};

/** The refusal for any method without a rule: starting, signalling, querying, listing, terminating… */
export function notAllowed(method: string): string {
  return `${method} is not allowed for appliances; an appliance may only poll and answer activity tasks of its own site`;
}

/** What the gateway writes as the worker identity in history: who really answered. */
export function stampedIdentity(caller: ApplianceCaller, claimed: string): string {
  const clean = claimed.replace(/[^\x20-\x7e]/g, '').slice(0, 100);
  return `appliance:${caller.applianceId}${clean ? ` (${clean})` : ''}`;
}
