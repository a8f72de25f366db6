/**
 * The approval step inside a waiting workflow: `decide` (Update, synchronous validator) and
 * `pendingPlan` (query) are registered for the whole run; a request is mirrored for the dashboard,
 * its approvers notified, reminded and re-routed on the SLA timeline, and it expires when the SLA
 * runs out. Refused decisions leave no history event (the API audits them); accepted ones carry the
 * approver's identity in the Update's history event and in the receipt.
 */
import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ApprovalPlan, ApprovalPriority } from '@custos/core';
import { centralLocalActivities } from '../proxies.js';
import type { ApprovalGate, GateOutcome } from './approval-gate.js';
import { decide, pendingPlan } from './messages.js';
import { notify, titled, type NotificationKind } from './notifications.js';
import { slaSteps } from './sla.js';

export function registerApprovalHandlers(gate: ApprovalGate): void {
  setHandler(pendingPlan, () => gate.pending);
  setHandler(decide, (d) => gate.accept(d, Date.now()), { validator: (d) => gate.validate(d, Date.now()) });
}

export interface ApprovalRequest {
  plan: ApprovalPlan;
  priority: ApprovalPriority;
  slaMs: number;
  contactLevels: number;
  /** One line naming the change and the host, e.g. "Disable SMB1 on FS01". */
  summary: string;
  /** Labelled values shown with the request (site, host, runbook, why). */
  facts: Record<string, string>;
}

export async function awaitApproval(gate: ApprovalGate, req: ApprovalRequest): Promise<GateOutcome & { planSha256: string }> {
  const { workflowId } = workflowInfo();
  const requestedAtMs = Date.now();
  const expiresAt = new Date(requestedAtMs + req.slaMs).toISOString();
  const { planSha256 } = await centralLocalActivities().openApproval({ workflowId, plan: req.plan, priority: req.priority, requestedAt: new Date(requestedAtMs).toISOString(), expiresAt });
  gate.open({ plan: req.plan, planSha256, priority: req.priority, requestedAtMs, slaMs: req.slaMs });
  const send = (kind: NotificationKind, level: number) =>
    notify({
      kind,
      level,
      siteId: req.plan.siteId,
      priority: req.priority,
      title: titled(kind, req.summary),
      summary: `${req.summary}. Decide before ${expiresAt}; the approval is bound to plan ${planSha256}.`,
      facts: { ...req.facts, plan: planSha256, expires: expiresAt, workflow: workflowId },
    });
  await send('approval_requested', 0);

  const decidedBy = async (offsetMs: number) => condition(() => gate.outcome !== undefined, Math.max(1, requestedAtMs + offsetMs - Date.now()));
  for (const step of slaSteps(req.slaMs, req.contactLevels)) {
    if (await decidedBy(step.afterMs)) return { ...(gate.outcome as GateOutcome), planSha256 };
    gate.remind(step.level);
    await send(step.kind === 'reroute' ? 'approval_rerouted' : 'approval_reminder', step.level);
  }
  if (await decidedBy(req.slaMs)) return { ...(gate.outcome as GateOutcome), planSha256 };
  const level = gate.pending?.escalationLevel ?? 0;
  gate.expire();
  await centralLocalActivities().expireApproval({ siteId: req.plan.siteId, workflowId });
  await send('approval_expired', level);
  return { kind: 'expired', planSha256 };
}
