/** One sender per channel kind; each throws DeliveryError (transient or permanent) or resolves with a short receipt. */
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Notification, NotificationChannelTarget } from './contract.js';
import { httpStatusIsTransient, permanent, transient } from './delivery-error.js';
import { postJson, type HttpTargetPolicy } from './https-post.js';
import { chatBody, chatFlavour, plainText, webhookBody } from './render.js';
import { DELIVERY_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSigningSecret } from './webhook-signature.js';

export interface MailSetup {
  transport: Transporter;
  from: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function sendEmail(mail: MailSetup | undefined, channel: NotificationChannelTarget, n: Notification): Promise<string> {
  if (!mail) throw permanent('email is not configured (CUSTOS_SMTP_URL is unset)');
  if (!EMAIL.test(channel.target)) throw permanent('the channel target is not an email address');
  const messageId = `<${createHash('sha256').update(n.id).digest('hex').slice(0, 32)}@custos.notify>`;
  try {
    const info = (await mail.transport.sendMail({
      from: mail.from,
      to: channel.target,
      subject: `[Custos ${n.priority}] ${n.title}`,
      text: plainText(n),
      messageId,
      headers: { 'X-Custos-Notification': n.id, 'X-Custos-Event': n.event },
    })) as { response?: string; rejected?: unknown[] };
    if (info.rejected && info.rejected.length > 0) throw permanent(`the relay rejected ${channel.target}`);
    return `accepted by the relay: ${String(info.response ?? '').slice(0, 200)}`;
  } catch (err) {
    if (err instanceof Error && 'transient' in err) throw err;
    const e = err as { responseCode?: number; code?: string; message?: string };
    const text = `${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${String(e.message ?? err).slice(0, 300)}`;
    // SMTP 4xx means "try again later"; 5xx (and a failed login) means it never will.
    if (e.responseCode !== undefined) throw e.responseCode >= 400 && e.responseCode < 500 ? transient(text) : permanent(text);
    if (e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE') throw permanent(text);
    throw transient(text);
  }
}

function judgeHttp(status: number, text: string): string {
  if (status >= 200 && status < 300) return `HTTP ${status}`;
  const why = `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  if (status >= 300 && status < 400) throw permanent(`${why} (redirects are not followed)`);
  throw httpStatusIsTransient(status) ? transient(why) : permanent(why);
}

export async function sendWebhook(signingKey: Uint8Array, http: HttpTargetPolicy, channel: NotificationChannelTarget, n: Notification, nowSeconds: number): Promise<string> {
  const body = webhookBody(n);
  const secret = webhookSigningSecret(signingKey, channel.id);
  const reply = await postJson(
    channel.target,
    body,
    { [DELIVERY_HEADER]: n.id, [TIMESTAMP_HEADER]: String(nowSeconds), [SIGNATURE_HEADER]: signWebhook(secret, nowSeconds, body) },
    http,
  );
  return judgeHttp(reply.status, reply.text);
}

export async function sendChat(http: HttpTargetPolicy, channel: NotificationChannelTarget, n: Notification): Promise<string> {
  let url: URL;
  try {
    url = new URL(channel.target);
  } catch {
    throw permanent('the channel target is not a URL');
  }
  const flavour = chatFlavour(url);
  const reply = await postJson(channel.target, chatBody(n, flavour), {}, http);
  return `${flavour}: ${judgeHttp(reply.status, reply.text)}`;
}
