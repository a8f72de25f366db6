/** Shared set-up for notification tests: an SMTP sink, an HTTPS receiver with a test CA, and deps pointing at them. */
import nodemailer from 'nodemailer';
import { MockActivityEnvironment } from '@temporalio/testing';
import { startSmtpSink, type SmtpSink } from '@custos/testkit/smtp';
import { createTestCa } from '@custos/testkit/tls';
import { createNotifyActivities, type DeliveryInput, type DeliveryReport, type Notification, type NotifyDeps } from '../../src/central/notify/index.js';
import { smtpOptions } from '../../src/central/notify/notify-deps.js';
import { startHttpsReceiver, type HttpsReceiver } from './https-receiver.js';

export const SIGNING_KEY = new Uint8Array(32).fill(7);
/** Names the receiver's certificate covers; the test lookup sends them all to 127.0.0.1. */
export const HOSTS = { webhook: 'hooks.partner.example', slack: 'hooks.slack.com', teams: 'clinicmsp.webhook.office.com' };

export interface NotifyWorld {
  smtp: SmtpSink;
  receiver: HttpsReceiver;
  caPem: string;
  deps(over?: Partial<NotifyDeps>): NotifyDeps;
  deliver(deps: NotifyDeps, input: DeliveryInput, attempt?: number): Promise<DeliveryReport>;
  close(): Promise<void>;
}

export async function notifyWorld(): Promise<NotifyWorld> {
  const smtp = await startSmtpSink({ auth: { user: 'custos', pass: 'relay-secret' } });
  const ca = await createTestCa();
  const receiver = await startHttpsReceiver(await ca.issue({ dns: Object.values(HOSTS), ips: ['127.0.0.1'] }));
  return {
    smtp,
    receiver,
    caPem: ca.certPem,
    deps(over = {}) {
      return {
        mail: { transport: nodemailer.createTransport(smtpOptions(new URL(smtp.url), 5000)), from: 'Custos <custos@msp.example>' },
        webhookSigningKey: SIGNING_KEY,
        http: { timeoutMs: 3000, ca: ca.certPem, lookup: receiver.lookup, allowPrivateAddresses: true },
        scrub: { scrubIps: true },
        ...over,
      };
    },
    deliver(deps, input, attempt = 1) {
      return new MockActivityEnvironment({ attempt }).run(createNotifyActivities(deps).deliverNotification, input);
    },
    async close() {
      await smtp.close();
      await receiver.close();
    },
  };
}

export function approvalNotification(over: Partial<Notification> = {}): Notification {
  return {
    id: 'approve:heal:site-a:host-7:RB-WIN-ENC-001:request',
    event: 'approval_requested',
    priority: 'high',
    title: 'Approve BitLocker on FRONTDESK-02',
    summary: 'BitLocker is off on FRONTDESK-02 (last user CLINIC\\mgarcia, patient John Smith on screen). Enabling it needs a reboot in the maintenance window.',
    link: 'https://custos.msp.example/approvals/123',
    facts: { site: 'Okafor Family Dental', host: 'FRONTDESK-02', runbook: 'RB-WIN-ENC-001' },
    occurredAt: '2026-11-27T10:00:00.000Z',
    ...over,
  };
}
