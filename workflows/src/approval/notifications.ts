/**
 * Notifications from heals: approval requested / reminded / re-routed / expired and escalations.
 * The site's partner channels for the priority and contact level are read centrally, then each gets
 * its own `deliverNotification` activity, which always resolves with a report (a dead channel is
 * recorded in history and never blocks the workflow). Ids are stable per message, so a retried
 * delivery is deduplicated by the receiver.
 */
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ApprovalPriority } from '@custos/core';
import type { CentralActivities } from '@custos/activities/types';
import { centralLocalActivities } from '../proxies.js';

export type NotificationKind = 'approval_requested' | 'approval_reminder' | 'approval_rerouted' | 'approval_expired' | 'escalated';

export interface NotificationEvent {
  kind: NotificationKind;
  siteId: string;
  priority: ApprovalPriority;
  /** Contact level (0 = first contact). */
  level: number;
  title: string;
  summary: string;
  facts: Record<string, string>;
}

type DeliveryReport = Awaited<ReturnType<CentralActivities['deliverNotification']>>;

const MAX_ATTEMPTS = 5;

export async function notify(event: NotificationEvent): Promise<DeliveryReport[]> {
  const { workflowId } = workflowInfo();
  // Deterministic and unique per message (workflow time differs between a heal's notifications).
  const id = `${workflowId}:${event.kind}:${event.level}:${Date.now()}`;
  const channels = await centralLocalActivities().notificationTargets({ siteId: event.siteId, priority: event.priority, level: event.level });
  if (channels.length === 0) {
    log.warn('no notification channel takes this event', { kind: event.kind, priority: event.priority, level: event.level });
    return [];
  }
  const deliver = proxyActivities<CentralActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: MAX_ATTEMPTS, initialInterval: '2 seconds' } }).deliverNotification;
  const notification = { id, event: event.kind, priority: event.priority, title: event.title, summary: event.summary, facts: event.facts, occurredAt: new Date(Date.now()).toISOString() };
  return Promise.all(channels.map((channel) => deliver({ channel, notification, maxAttempts: MAX_ATTEMPTS })));
}

const TITLES: Record<NotificationKind, string> = {
  approval_requested: 'Approval needed',
  approval_reminder: 'Reminder: approval needed',
  approval_rerouted: 'Approval needed (re-routed to you)',
  approval_expired: 'Approval expired; the finding stays open',
  escalated: 'Needs a person',
};

export function titled(kind: NotificationKind, what: string): string {
  return `${TITLES[kind]}: ${what}`;
}
