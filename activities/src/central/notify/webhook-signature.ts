/**
 * Signed webhooks: the published verification recipe, and the code Custos signs with.
 *
 * Every webhook POST carries
 *   X-Custos-Delivery:  the notification id (stable across retries: dedupe on it)
 *   X-Custos-Timestamp: Unix seconds when this attempt was signed
 *   X-Custos-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * To verify: take the raw request body bytes (before any JSON parsing), compute the HMAC over
 * `${timestamp}.${body}` with the channel's secret, compare it to each `v1=` value with a
 * constant-time comparison, and reject the request when the timestamp is more than 5 minutes from
 * your clock (the replay window) or the delivery id was already processed within that window.
 * The channel's secret is derived from CUSTOS_WEBHOOK_SIGNING_KEY and the channel id
 * (`webhookSigningSecret`), so rotating that key rotates every channel's secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-custos-signature';
export const TIMESTAMP_HEADER = 'x-custos-timestamp';
export const DELIVERY_HEADER = 'x-custos-delivery';
export const REPLAY_WINDOW_SECONDS = 300;

/** The per-channel secret (hex) a partner admin configures on the receiving side. */
export function webhookSigningSecret(masterKey: Uint8Array, channelId: string): string {
  return createHmac('sha256', masterKey).update(`custos-webhook-v1:${channelId}`).digest('hex');
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'outside_replay_window' | 'bad_signature' };

/** The recipe above as code; receivers in other languages do the same in a few lines. */
export function verifyWebhook(input: {
  secret: string;
  body: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): WebhookVerdict {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const ts = Number(input.timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? REPLAY_WINDOW_SECONDS)) return { ok: false, reason: 'outside_replay_window' };
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body.toString()).slice(3), 'hex');
  for (const part of input.signature.split(',')) {
    const m = /^\s*v1=([0-9a-f]{64})\s*$/.exec(part);
    if (m && timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected)) return { ok: true };
  }
  return { ok: false, reason: 'bad_signature' };
}
