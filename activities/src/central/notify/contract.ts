/**
 * The notification activity's contract (`deliverNotification`), for escalation and approval
 * workflows. One call delivers one notification to one channel:
 *
 *   const reports = await Promise.all(channels.map((channel) =>
 *     central.deliverNotification({ channel, notification, maxAttempts: 5 })));
 *
 * with the activity's retry policy at `maximumAttempts: 5` (the same number). Transient trouble
 * (SMTP 4xx, HTTP 408/425/429/5xx, timeouts, refused connections) throws a retryable
 * `DeliveryFailed` so Temporal retries with backoff — but on the last attempt it is returned as a
 * failed report instead. Permanent trouble (SMTP 5xx, HTTP 4xx, redirects, bad or forbidden
 * targets, channel not configured) is returned at once. So the activity always resolves with a
 * report: a dead channel is recorded in history and never blocks the workflow.
 *
 * Idempotency: `notification.id` is stable across retries. Webhook receivers get it as
 * `X-Custos-Delivery` (dedupe on it), email carries a Message-ID derived from it.
 */

export type NotificationChannelKind = 'email' | 'webhook' | 'chat';
export type NotificationPriority = 'critical' | 'high' | 'medium' | 'low';

/** A row of `notification_channels` (lib/db), as the workflow read it. */
export interface NotificationChannelTarget {
  id: string;
  kind: NotificationChannelKind;
  name: string;
  /** An email address, or an https URL for webhook and chat channels. */
  target: string;
}

export interface Notification {
  /** Stable across retries and unique per message, e.g. `${workflowId}:reminder:2`. */
  id: string;
  /** What happened: `approval_requested`, `approval_reminder`, `approval_expired`, `escalated`, `heal_failed`, … */
  event: string;
  priority: NotificationPriority;
  /** One line; the email subject. */
  title: string;
  /** Plain text, a few lines. */
  summary: string;
  /** Where to act (the dashboard page of the approval or incident). */
  link?: string;
  /** Short labelled values shown as a list (site, host, runbook). */
  facts?: Record<string, string>;
  occurredAt: string;
}

export interface DeliveryInput {
  channel: NotificationChannelTarget;
  notification: Notification;
  /** The retry policy's maximumAttempts (default 5): on that attempt a transient failure is reported instead of thrown. */
  maxAttempts?: number;
}

export type DeliveryReport =
  | { channelId: string; kind: NotificationChannelKind; status: 'delivered'; attempt: number; detail: string }
  | { channelId: string; kind: NotificationChannelKind; status: 'failed'; permanent: boolean; attempt: number; error: string };
