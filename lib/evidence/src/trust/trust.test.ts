import { describe, expect, it } from 'vitest';
import { nobleSigner, nobleVerifier, keyIdOf } from '../ed25519.js';
import type { Signer } from '../ed25519.js';
import { envelopeBytes } from '../dsse.js';
import { parseTrustDocument, keyValidAt, trustToJson } from './document.js';
import type { TrustDocument, TrustedKey } from './document.js';
import { signTrust, verifyTrustChain } from './chain.js';

const seed = (n: number) => new Uint8Array(32).fill(n);
const rootA = nobleSigner(seed(1));
const rootB = nobleSigner(seed(2));
const bundleKey = nobleSigner(seed(3));

function key(s: Signer, role: TrustedKey['role'], validFrom = '2026-01-01T00:00:00Z', validTo?: string): TrustedKey {
  return { id: keyIdOf(s.publicKey), role, publicKey: s.publicKey, validFrom, ...(validTo ? { validTo } : {}) };
}

function doc(version: number, keys: TrustedKey[]): TrustDocument {
  return {
    schema: 1,
    domain: 'custos.test',
    version,
    issuedAt: `2026-0${version}-01T00:00:00Z`,
    keys,
    tsaRoots: [],
    policy: { bundleThreshold: 1, rootThreshold: 1, bitcoinMaxTarget: '1d00ffff' },
  };
}

const asJson = (e: ReturnType<typeof signTrust>) => JSON.parse(new TextDecoder().decode(envelopeBytes(e))) as unknown;

describe('trust.json chain', () => {
  const v1 = doc(1, [key(rootA, 'root'), key(bundleKey, 'bundle')]);
  // Rotation: v2 lists both roots (A retiring) and carries both signatures; v3 is signed by B alone.
  const v2 = doc(2, [key(rootA, 'root', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'), key(rootB, 'root'), key(bundleKey, 'bundle')]);
  const v3 = doc(3, [key(rootA, 'root', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'), key(rootB, 'root'), key(bundleKey, 'bundle')]);

  it('round-trips the JSON form', () => {
    expect(parseTrustDocument(JSON.parse(JSON.stringify(trustToJson(v2))))).toEqual(v2);
  });

  it('follows a root rotation done by adding signatures', async () => {
    const chain = [signTrust(v1, [rootA]), signTrust(v2, [rootA, rootB]), signTrust(v3, [rootB])].map(asJson);
    const r = await verifyTrustChain(chain, nobleVerifier, [keyIdOf(rootA.publicKey)]);
    expect(r.current.version).toBe(3);
    expect(r.firstRoots).toEqual([keyIdOf(rootA.publicKey)]);
  });

  it('refuses a rotation the old roots did not sign', async () => {
    const chain = [signTrust(v1, [rootA]), signTrust(v2, [rootB])].map(asJson);
    await expect(verifyTrustChain(chain, nobleVerifier)).rejects.toThrow('trust version 2 is not signed by the roots of version 1');
  });

  it('refuses a document signed by an unpinned root, gaps in versions and tampered payloads', async () => {
    await expect(verifyTrustChain([asJson(signTrust(v1, [rootA]))], nobleVerifier, [keyIdOf(rootB.publicKey)])).rejects.toThrow(/pinned root/);
    await expect(verifyTrustChain([signTrust(v1, [rootA]), signTrust(v3, [rootA, rootB])].map(asJson), nobleVerifier)).rejects.toThrow(
      'trust version 3 follows version 1',
    );
    const e = signTrust(v1, [rootA]);
    const forged = { ...e, signatures: signTrust(v1, [rootB]).signatures };
    await expect(verifyTrustChain([asJson(forged)], nobleVerifier)).rejects.toThrow(/0 valid root signature/);
  });

  it('rejects malformed documents with a pointer', () => {
    const json = trustToJson(v1) as { keys: { id: string }[] };
    json.keys[1]!.id = '00'.repeat(32);
    expect(() => parseTrustDocument(json)).toThrow('/keys/1/id: is not the SHA-256 of the public key');
    const smallOrder = trustToJson(v1) as { keys: { publicKey: string; id: string }[] };
    smallOrder.keys[0]!.publicKey = 'A'.repeat(43) + '=';
    expect(() => parseTrustDocument(smallOrder)).toThrow(/\/keys\/0\/publicKey: Ed25519 public key has small order/);
  });

  it('checks key windows as [validFrom, validTo)', () => {
    const k = key(rootA, 'bundle', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(keyValidAt(k, '2026-01-01T00:00:00Z')).toBe(true);
    expect(keyValidAt(k, '2026-03-01T00:00:00Z')).toBe(false);
    expect(keyValidAt(k, '2025-12-31T23:59:59Z')).toBe(false);
  });
});
