import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { ConfigOf } from '@custos/core/config';
import type { NotifyDeps } from './deliver-notification.js';

export const NOTIFY_CONFIG_KEYS = ['smtpUrl', 'mailFrom', 'webhookSigningKey', 'notifyTimeoutSeconds', 'phiScrubIps'] as const;
export type NotifyConfig = ConfigOf<(typeof NOTIFY_CONFIG_KEYS)[number]>;

/** Notification dependencies from config; the SMTP transport is created once and reused (it pools nothing: one message per call). */
export function notifyDepsFromConfig(config: NotifyConfig): NotifyDeps {
  const timeout = config.notifyTimeoutSeconds * 1000;
  return {
    mail: config.smtpUrl
      ? {
          transport: nodemailer.createTransport(smtpOptions(config.smtpUrl, timeout)),
          from: config.mailFrom,
        }
      : undefined,
    webhookSigningKey: config.webhookSigningKey,
    http: { timeoutMs: timeout },
    scrub: { scrubIps: config.phiScrubIps },
  };
}

/** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the first byte). */
export function smtpOptions(url: URL, timeoutMs: number): SMTPTransport.Options {
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}
