import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.js';
import { nobleSigner, nobleVerifier } from './ed25519.js';
import { envelopeBytes, pae, signEnvelope, verifyEnvelope } from './dsse.js';
import { canonicalBytes } from './jcs.js';
import type { DsseEnvelope } from './dsse.js';

// DSSE vectors from reference/evidence.md §2.1 (keys A = RFC 8032 TEST 1, B = TEST 2).
const A = nobleSigner(fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
const B = nobleSigner(fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'));
const IN_TOTO = 'application/vnd.in-toto+json';
const SINGLE = 'eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==';
const SIG_A = '2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==';

function env(payloadType: string, payload: string, sigs: string[]): DsseEnvelope {
  return { payloadType, payload, signatures: sigs.map((sig) => ({ keyid: '', sig })) };
}

describe('DSSE PAE', () => {
  it('matches the spec byte layout', () => {
    expect(toHex(pae('http://example.com/HelloWorld', utf8('hello world')))).toBe(
      '44535345763120323920687474703a2f2f6578616d706c652e636f6d2f48656c6c6f576f726c642031312068656c6c6f20776f726c64',
    );
    expect(toHex(pae(IN_TOTO, fromBase64(SINGLE)))).toBe(
      '445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203433207b225f74797065223a2268747470733a2f2f696e2d746f746f2e696f2f53746174656d656e742f7631227d',
    );
    // Lengths are bytes, not characters; an empty body still ends with a space.
    expect(fromUtf8(pae('application/vnd.exämple+json', new Uint8Array()))).toBe('DSSEv1 29 application/vnd.exämple+json 0 ');
  });
});

describe('envelope storage form', () => {
  it('envelopeBytes is exactly the JCS of the envelope', () => {
    const e = signEnvelope('application/vnd.exämple+json', utf8('{"a":"\u2028 \\"}'), [A, B]);
    expect(fromUtf8(envelopeBytes(e))).toBe(fromUtf8(canonicalBytes(e)));
    expect(() => envelopeBytes({ ...e, payload: '{"x"' })).toThrow(/not base64/);
    expect(() => envelopeBytes({ ...e, payloadType: 'e\u0301' })).toThrow(/NFC/);
  });
});

describe('DSSE Ed25519 vectors', () => {
  it.each([
    ['single-signature', IN_TOTO, SINGLE, SIG_A],
    ['url-safe-base64', IN_TOTO, '-_-_Pj8=', 'P-_KHICeR7tI6S_YyejJTRtrXhcQyQ2LYPaL8h90KjC9qN8HU_svOQ6TuDOT1HIrsGW886DbWNWcCmX5twLrAw=='],
    ['non-ascii-payload-type', 'application/vnd.exämple+json', SINGLE, 'xmSk/ug66ysT7ayhkCIjhAq42zgZXSsEWuzUaNL7w2eGAdF/NU6/fRXPtmfN+5DNSAs5/i2lUnHjbbjPsu0tAw=='],
    ['empty-payload', IN_TOTO, '', 'gSggCAaTLTYyRH6FIDBem6meyIynsYy8RTHVzwx9tnTb7Bg/1jMWnuVgI/gffqmbsC2VX5/jHfkkDqsj7CDbDg=='],
  ])('%s: accepted, and reproduced by signing', async (_id, type, payload, sig) => {
    const result = await verifyEnvelope(env(type, payload, [sig]), [A.publicKey], nobleVerifier);
    expect(result.ok).toBe(true);
    const signed = signEnvelope(type, fromBase64(payload), [A]);
    expect(fromBase64(signed.signatures[0]!.sig)).toEqual(fromBase64(sig));
    expect(signed.payload).toBe(toBase64(fromBase64(payload)));
  });

  it('payload-type-swapped: rejected', async () => {
    const r = await verifyEnvelope(env('application/vnd.example.other+json', SINGLE, [SIG_A]), [A.publicKey], nobleVerifier);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('0 valid signature(s) from trusted keys, 1 required');
  });

  it('threshold 2 counts distinct trusted keys, not signature entries', async () => {
    const sigB = 'c1+67/aT0yqEpwx8PsVY3MLHsj9D0CZ014/Fv/QlG59P+9CobUZ7xECJ/V3USG0Ob9CiE5LjReEZUzNF2l7eBw==';
    const both = await verifyEnvelope(env(IN_TOTO, SINGLE, [SIG_A, sigB]), [A.publicKey, B.publicKey], nobleVerifier, 2);
    expect(both.ok).toBe(true);
    expect(both.signedBy).toEqual([0, 1]);
    const twiceA = await verifyEnvelope(env(IN_TOTO, SINGLE, [SIG_A, SIG_A]), [A.publicKey, B.publicKey], nobleVerifier, 2);
    expect(twiceA.ok).toBe(false);
  });

  it('ignores misleading keyid hints and rejects undecodable payloads', async () => {
    const e = { payloadType: IN_TOTO, payload: SINGLE, signatures: [{ keyid: 'not-the-key', sig: SIG_A }] };
    expect((await verifyEnvelope(e, [B.publicKey, A.publicKey], nobleVerifier)).signedBy).toEqual([1]);
    const bad = await verifyEnvelope(env(IN_TOTO, 'a$b=', [SIG_A]), [A.publicKey], nobleVerifier);
    expect(bad.ok).toBe(false);
    expect(bad.reason).toMatch(/^payload: invalid base64/);
  });
});
