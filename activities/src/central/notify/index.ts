import { makeDeliverNotification, type NotifyDeps } from './deliver-notification.js';

/** Notification delivery; without deps every delivery reports a permanent "not configured" failure. */
export function createNotifyActivities(deps: NotifyDeps | undefined) {
  return { deliverNotification: makeDeliverNotification(deps) };
}

export type { NotifyDeps } from './deliver-notification.js';
export type { HttpTargetPolicy } from './https-post.js';
export { notifyDepsFromConfig, NOTIFY_CONFIG_KEYS, type NotifyConfig } from './notify-deps.js';
export { verifyWebhook, webhookSigningSecret, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER, REPLAY_WINDOW_SECONDS, type WebhookVerdict } from './webhook-signature.js';
export type * from './contract.js';
