/**
 * Notifications a heal or the flywheel sends: approval requested / reminded / re-routed / expired,
 * escalations without a plan, promotion proposals and rule rollbacks. Delivery is a central activity
 * with its own retries; a channel that keeps failing is reported there and never blocks a workflow,
 * so a failed notification is logged here and the workflow carries on.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { ApprovalPriority } from '@custos/core';

export type NotificationEvent =
  | { kind: 'approval_requested' | 'approval_reminder' | 'approval_rerouted' | 'approval_expired'; siteId: string; workflowId: string; priority: ApprovalPriority; level: number; summary: string; planSha256: string; expiresAt: string }
  | { kind: 'escalated'; siteId: string; workflowId: string; priority: ApprovalPriority; summary: string }
  | { kind: 'promotion_proposed' | 'rule_rolled_back'; workflowId: string; priority: ApprovalPriority; summary: string };

interface NotifyActivities {
  notify(event: NotificationEvent): Promise<unknown>;
}

const notifier = () =>
  proxyActivities<NotifyActivities>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '10 minutes',
    retry: { maximumAttempts: 5 },
  });

export async function notify(event: NotificationEvent): Promise<void> {
  try {
    await notifier().notify(event);
  } catch (err) {
    log.warn('notification not delivered', { kind: event.kind, error: String(err) });
  }
}
