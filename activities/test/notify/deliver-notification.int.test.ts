import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook, webhookSigningSecret } from '../../src/central/notify/index.js';
import { approvalNotification, HOSTS, notifyWorld, SIGNING_KEY, type NotifyWorld } from './notify-world.js';

let w: NotifyWorld;
beforeAll(async () => {
  w = await notifyWorld();
});
afterAll(async () => {
  await w?.close();
});

const channel = (kind: 'email' | 'webhook' | 'chat', target: string, id = `${kind}-1`) => ({ id, kind, name: kind, target });
const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

describe('email through a real SMTP server (smtp-server)', () => {
  it('delivers, with a Message-ID stable across retries and PHI scrubbed from subject and body', async () => {
    const before = w.smtp.received.length;
    const report = await w.deliver(w.deps(), { channel: channel('email', 'oncall@msp.example'), notification: approvalNotification() });
    expect(report).toMatchObject({ status: 'delivered', attempt: 1, kind: 'email' });
    const [mail] = (await w.smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['oncall@msp.example']);
    expect(mail!.headers.subject).toBe('[Custos high] Approve BitLocker on FRONTDESK-02');
    expect(mail!.headers['x-custos-notification']).toBe('approve:heal:site-a:host-7:RB-WIN-ENC-001:request');
    expect(mail!.body).toContain('https://custos.msp.example/approvals/123');
    expect(mail!.raw).not.toMatch(/mgarcia|John Smith/);

    await w.deliver(w.deps(), { channel: channel('email', 'oncall@msp.example'), notification: approvalNotification() });
    const again = (await w.smtp.waitFor(before + 2))[before + 1]!;
    expect(again.headers['message-id']).toBe(mail!.headers['message-id']);
  });

  it('a 5xx recipient is reported as a permanent failure at once; a 4xx is retried, then reported on the last attempt', async () => {
    w.smtp.refuse('gone@msp.example', 550);
    const gone = await w.deliver(w.deps(), { channel: channel('email', 'gone@msp.example'), notification: approvalNotification() });
    expect(gone).toMatchObject({ status: 'failed', permanent: true });
    expect(gone.status === 'failed' && gone.error).toMatch(/550/);

    w.smtp.refuse('busy@msp.example', 451);
    const first = await w.deliver(w.deps(), { channel: channel('email', 'busy@msp.example'), notification: approvalNotification(), maxAttempts: 2 }, 1).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect(first).toMatchObject({ type: 'DeliveryFailed', nonRetryable: false });
    const last = await w.deliver(w.deps(), { channel: channel('email', 'busy@msp.example'), notification: approvalNotification(), maxAttempts: 2 }, 2);
    expect(last).toMatchObject({ status: 'failed', permanent: false, attempt: 2 });
  });

  it('a wrong relay password or no relay at all is permanent', async () => {
    const bad = await w.deliver(w.deps({ mail: { transport: (await import('nodemailer')).default.createTransport({ host: '127.0.0.1', port: w.smtp.port, secure: false, auth: { user: 'custos', pass: 'wrong' } }), from: 'x@y.example' } }), {
      channel: channel('email', 'oncall@msp.example'),
      notification: approvalNotification(),
    });
    expect(bad).toMatchObject({ status: 'failed', permanent: true });
    const none = await w.deliver(w.deps({ mail: undefined }), { channel: channel('email', 'oncall@msp.example'), notification: approvalNotification() });
    expect(none).toMatchObject({ status: 'failed', permanent: true, error: 'email is not configured (CUSTOS_SMTP_URL is unset)' });
  });
});

describe('signed webhooks over HTTPS', () => {
  it('signs with the channel secret and timestamp; the published recipe verifies it and refuses tampering and replays', async () => {
    w.receiver.answer('/hook', { status: 204 });
    const ch = channel('webhook', w.receiver.url(HOSTS.webhook, '/hook'), 'chan-webhook-1');
    const now = new Date('2026-11-27T10:00:05Z');
    const report = await w.deliver(w.deps({ now: () => now }), { channel: ch, notification: approvalNotification() });
    expect(report).toMatchObject({ status: 'delivered', detail: 'HTTP 204' });
    const req = w.receiver.received.at(-1)!;
    const secret = webhookSigningSecret(SIGNING_KEY, 'chan-webhook-1');
    const signed = { secret, body: req.body, timestamp: header(req.headers[TIMESTAMP_HEADER]), signature: header(req.headers[SIGNATURE_HEADER]) };
    const nowSeconds = Math.floor(now.getTime() / 1000);
    expect(header(req.headers[DELIVERY_HEADER])).toBe('approve:heal:site-a:host-7:RB-WIN-ENC-001:request');
    expect(verifyWebhook({ ...signed, nowSeconds })).toEqual({ ok: true });
    expect(verifyWebhook({ ...signed, nowSeconds, body: req.body.replace('high', 'low') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook({ ...signed, nowSeconds: nowSeconds + 301 })).toEqual({ ok: false, reason: 'outside_replay_window' });
    expect(verifyWebhook({ ...signed, nowSeconds, secret: webhookSigningSecret(SIGNING_KEY, 'another-channel') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(JSON.parse(req.body)).toMatchObject({ id: 'approve:heal:site-a:host-7:RB-WIN-ENC-001:request', event: 'approval_requested', priority: 'high' });
    expect(req.body).not.toMatch(/mgarcia|John Smith/);

    // The published recipe (notify/README.md), run as written by an independent implementation.
    const readme = readFileSync(new URL('../../src/central/notify/README.md', import.meta.url), 'utf8');
    const recipe = /```python\n([\s\S]*?)```/.exec(readme)![1]!;
    const python = (body: string, when: number) =>
      execFileSync('python3', ['-c', `${recipe}\nimport sys\nprint(verify_custos_webhook(sys.argv[1], sys.argv[2].encode(), sys.argv[3], sys.argv[4], float(sys.argv[5])))`, secret, body, signed.timestamp!, signed.signature!, String(when)], {
        encoding: 'utf8',
      }).trim();
    expect(python(req.body, nowSeconds)).toBe('True');
    expect(python(req.body.replace('high', 'low'), nowSeconds)).toBe('False');
    expect(python(req.body, nowSeconds + 301)).toBe('False');
  });

  it('classifies answers: 5xx/429 retried, 4xx and redirects permanent, refused connections retried', async () => {
    const cases: [string, { status: number; headers?: Record<string, string> }, 'retry' | 'permanent'][] = [
      ['/down', { status: 503 }, 'retry'],
      ['/slow-down', { status: 429 }, 'retry'],
      ['/gone', { status: 410 }, 'permanent'],
      ['/moved', { status: 302, headers: { location: 'https://169.254.169.254/' } }, 'permanent'],
    ];
    for (const [path, reply, expected] of cases) {
      w.receiver.answer(path, reply);
      const input = { channel: channel('webhook', w.receiver.url(HOSTS.webhook, path)), notification: approvalNotification() };
      const outcome = await w.deliver(w.deps(), input, 1).catch((e: unknown) => e);
      if (expected === 'retry') expect(outcome, path).toMatchObject({ type: 'DeliveryFailed' });
      else expect(outcome, path).toMatchObject({ status: 'failed', permanent: true });
    }
    const refused = await w.deliver(w.deps(), { channel: channel('webhook', `https://${HOSTS.webhook}:1/hook`), notification: approvalNotification(), maxAttempts: 1 });
    expect(refused).toMatchObject({ status: 'failed', permanent: false });
    expect(refused.status === 'failed' && refused.error).toMatch(/ECONNREFUSED/);
  });

  it('refuses plain http, private addresses (unless allowed) and certificates it cannot verify', async () => {
    const n = approvalNotification();
    expect(await w.deliver(w.deps(), { channel: channel('webhook', 'http://hooks.partner.example/x'), notification: n })).toMatchObject({ status: 'failed', permanent: true });
    const strict = w.deps();
    strict.http = { ...strict.http, allowPrivateAddresses: false };
    const meta = await w.deliver(strict, { channel: channel('webhook', 'https://169.254.169.254/latest/meta-data'), notification: n });
    expect(meta).toMatchObject({ status: 'failed', permanent: true });
    expect(meta.status === 'failed' && meta.error).toMatch(/private or loopback/);
    const viaDns = await w.deliver(strict, { channel: channel('webhook', w.receiver.url(HOSTS.webhook, '/hook')), notification: n });
    expect(viaDns.status === 'failed' && viaDns.error).toMatch(/resolves to 127.0.0.1/);
    const untrusted = w.deps();
    untrusted.http = { ...untrusted.http, ca: undefined };
    expect(await w.deliver(untrusted, { channel: channel('webhook', w.receiver.url(HOSTS.webhook, '/hook')), notification: n })).toMatchObject({ status: 'failed', permanent: true });
  });
});

describe('chat webhooks', () => {
  it('speaks Slack format to Slack-compatible hooks and an Adaptive Card to Teams', async () => {
    const slack = await w.deliver(w.deps(), { channel: channel('chat', w.receiver.url(HOSTS.slack, '/services/T0/B0/x')), notification: approvalNotification() });
    expect(slack).toMatchObject({ status: 'delivered', detail: 'slack: HTTP 200' });
    const slackBody = JSON.parse(w.receiver.received.at(-1)!.body) as { text: string };
    expect(slackBody.text).toContain('*[high] Approve BitLocker on FRONTDESK-02*');
    expect(slackBody.text).toContain('<https://custos.msp.example/approvals/123|Open in Custos>');

    w.receiver.answer('/webhookb2/abc', { status: 202 });
    const teams = await w.deliver(w.deps(), { channel: channel('chat', w.receiver.url(HOSTS.teams, '/webhookb2/abc')), notification: approvalNotification() });
    expect(teams).toMatchObject({ status: 'delivered', detail: 'teams: HTTP 202' });
    const card = JSON.parse(w.receiver.received.at(-1)!.body) as { attachments: { contentType: string; content: { type: string; actions: { url: string }[] } }[] };
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]!.content.actions[0]!.url).toBe('https://custos.msp.example/approvals/123');
  });
});

describe('bad input', () => {
  it('is refused non-retryably, naming the field', async () => {
    const err = await w.deliver(w.deps(), { channel: { id: 'c', kind: 'pager' as never, name: 'x', target: 'x' }, notification: approvalNotification({ priority: 'urgent' as never }) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    expect(String((err as Error).message)).toMatch(/channel.kind must be one of email, webhook, chat; notification.priority must be one of/);
  });
});
