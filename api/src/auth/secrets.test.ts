import { describe, expect, it } from 'vitest';
import { newEnrolmentCode, newSecret, normaliseEnrolmentCode, sha256, TOKEN_PREFIX } from './secrets.js';
import { currentTotp, matchTotp, newTotpSecret } from './totp.js';

describe('secrets', () => {
  it('enrolment codes are readable groups and compare without case or dashes', () => {
    const code = newEnrolmentCode();
    expect(code).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
    expect(normaliseEnrolmentCode(code.toLowerCase())).toBe(code.replace(/-/g, ''));
    expect(new Set(Array.from({ length: 200 }, newEnrolmentCode)).size).toBe(200);
  });

  it('bearer secrets carry their kind and hash stably', () => {
    expect(newSecret(TOKEN_PREFIX.apiToken)).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    expect(sha256('abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('a')).toHaveLength(32);
  });

  it('TOTP accepts the current step and ±1 for drift, and nothing else', async () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000;
    const step = Math.floor(now / 30);
    expect(await matchTotp(secret, await currentTotp(secret, now), now)).toBe(step);
    expect(await matchTotp(secret, await currentTotp(secret, now - 30), now)).toBe(step - 1);
    expect(await matchTotp(secret, await currentTotp(secret, now - 90), now)).toBeUndefined();
    expect(await matchTotp(secret, '12345', now)).toBeUndefined();
    expect(await matchTotp(secret, 'abcdef', now)).toBeUndefined();
  });
});
