/** The `deliverNotification` activity (contract.ts has the caller's view). */
import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import { FailureType } from '@custos/core';
import type { ScrubOptions } from '@custos/core/phi';
import { sendChat, sendEmail, sendWebhook } from './channels.js';
import type { DeliveryInput, DeliveryReport } from './contract.js';
import { DeliveryError } from './delivery-error.js';
import type { HttpTargetPolicy } from './https-post.js';
import { checkDeliveryInput } from './delivery-input.js';
import { scrubNotification } from './render.js';

export interface NotifyDeps {
  /** Absent when CUSTOS_SMTP_URL is unset: email channels then fail permanently with "not configured". */
  mail?: { transport: Transporter; from: string };
  webhookSigningKey: Uint8Array;
  http: HttpTargetPolicy;
  scrub: ScrubOptions;
  now?: () => Date;
}

export function makeDeliverNotification(deps: NotifyDeps | undefined) {
  return async function deliverNotification(input: DeliveryInput): Promise<DeliveryReport> {
    checkDeliveryInput(input);
    const { attempt } = activityInfo();
    const maxAttempts = input.maxAttempts ?? 5;
    const { channel } = input;
    const failed = (permanent: boolean, error: string): DeliveryReport => ({ channelId: channel.id, kind: channel.kind, status: 'failed', permanent, attempt, error });
    if (!deps) return failed(true, 'notifications are not configured on this worker');
    const notification = scrubNotification(input.notification, deps.scrub);
    try {
      const detail =
        channel.kind === 'email'
          ? await sendEmail(deps.mail, channel, notification)
          : channel.kind === 'webhook'
            ? await sendWebhook(deps.webhookSigningKey, deps.http, channel, notification, Math.floor((deps.now?.() ?? new Date()).getTime() / 1000))
            : await sendChat(deps.http, channel, notification);
      return { channelId: channel.id, kind: channel.kind, status: 'delivered', attempt, detail };
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      if (!err.transient) return failed(true, err.message);
      if (attempt < maxAttempts) {
        throw ApplicationFailure.retryable(`${channel.kind} channel ${channel.id} attempt ${attempt}/${maxAttempts}: ${err.message}`, FailureType.DeliveryFailed);
      }
      return failed(false, `gave up after ${attempt} attempts: ${err.message}`);
    }
  };
}
