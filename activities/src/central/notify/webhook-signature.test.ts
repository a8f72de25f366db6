import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, webhookSigningSecret } from './webhook-signature.js';
import { chatFlavour } from './render.js';
import { isPrivateAddress } from './https-post.js';

const secret = webhookSigningSecret(new Uint8Array(32).fill(1), 'chan-1');
const body = '{"id":"n1","priority":"high"}';

describe('webhook signatures', () => {
  it('derives a distinct secret per channel and per master key', () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSigningSecret(new Uint8Array(32).fill(1), 'chan-2')).not.toBe(secret);
    expect(webhookSigningSecret(new Uint8Array(32).fill(2), 'chan-1')).not.toBe(secret);
  });

  it('verifies within the replay window and accepts any of several v1 values (receiver-side rotation)', () => {
    const sig = signWebhook(secret, 1_800_000_000, body);
    expect(verifyWebhook({ secret, body, timestamp: '1800000000', signature: sig, nowSeconds: 1_800_000_100 })).toEqual({ ok: true });
    expect(verifyWebhook({ secret, body, timestamp: '1800000000', signature: `v1=${'0'.repeat(64)}, ${sig}`, nowSeconds: 1_800_000_000 })).toEqual({ ok: true });
  });

  it.each([
    [{ timestamp: undefined }, 'missing_headers'],
    [{ timestamp: '18e8' }, 'bad_timestamp'],
    [{ nowSeconds: 1_800_000_301 }, 'outside_replay_window'],
    [{ nowSeconds: 1_799_999_699 }, 'outside_replay_window'],
    [{ body: body.replace('high', 'low') }, 'bad_signature'],
    [{ signature: 'v0=abc' }, 'bad_signature'],
    // The same body signed for another time cannot be replayed with a fresh timestamp.
    [{ timestamp: '1800000100', nowSeconds: 1_800_000_100 }, 'bad_signature'],
  ])('refuses %j: %s', (over, reason) => {
    const input = { secret, body, timestamp: '1800000000', signature: signWebhook(secret, 1_800_000_000, body), nowSeconds: 1_800_000_000, ...over };
    expect(verifyWebhook(input)).toEqual({ ok: false, reason });
  });
});

describe('delivery helpers', () => {
  it('picks the Teams card format only for Microsoft webhook hosts', () => {
    expect(chatFlavour(new URL('https://contoso.webhook.office.com/webhookb2/x'))).toBe('teams');
    expect(chatFlavour(new URL('https://prod-12.westus.logic.azure.com/workflows/x'))).toBe('teams');
    expect(chatFlavour(new URL('https://hooks.slack.com/services/x'))).toBe('slack');
    expect(chatFlavour(new URL('https://webhook.office.com.evil.example/x'))).toBe('slack');
  });

  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.1', true], ['192.168.0.10', true], ['169.254.169.254', true], ['100.64.1.1', true],
    ['::1', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['not-an-ip', true],
    ['93.184.216.34', false], ['2606:4700::6810:84e5', false], ['::ffff:93.184.216.34', false],
  ])('isPrivateAddress(%s) = %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
