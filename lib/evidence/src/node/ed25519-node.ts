import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { assertUsablePublicKey } from '../ed25519.js';
import type { SignatureVerifier, Signer } from '../ed25519.js';

// Server-side Ed25519 through OpenSSL: ~8–15× faster than pure JS (reference/evidence.md §3.2).
// Raw keys are wrapped in fixed DER prefixes: PKCS#8 for the 32-byte seed, SPKI for the public key.

const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

function der(prefix: Uint8Array, raw: Uint8Array): Buffer {
  return Buffer.concat([prefix, raw]);
}

export function nodeSigner(seed: Uint8Array): Signer {
  if (seed.length !== 32) throw new Error(`Ed25519 seed must be 32 bytes, got ${seed.length}`);
  const key = createPrivateKey({ key: der(PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(SPKI_PREFIX.length));
  return {
    publicKey,
    sign: (message) => new Uint8Array(sign(null, message, key)),
  };
}

/** OpenSSL verifier. Keys are checked with assertUsablePublicKey once and cached. */
export function nodeVerifier(): SignatureVerifier {
  const keys = new Map<string, KeyObject | null>();
  const keyFor = (publicKey: Uint8Array): KeyObject | null => {
    const id = Buffer.from(publicKey).toString('hex');
    let k = keys.get(id);
    if (k === undefined) {
      try {
        assertUsablePublicKey(publicKey);
        k = createPublicKey({ key: der(SPKI_PREFIX, publicKey), format: 'der', type: 'spki' });
      } catch {
        k = null;
      }
      keys.set(id, k);
    }
    return k;
  };
  return {
    verify(publicKey, message, signature) {
      const key = keyFor(publicKey);
      if (!key || signature.length !== 64) return Promise.resolve(false);
      return Promise.resolve(verify(null, message, key, signature));
    },
  };
}
