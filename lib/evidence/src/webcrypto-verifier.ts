import { nobleVerifier } from './ed25519.js';
import type { SignatureVerifier } from './ed25519.js';
import { toHex } from './bytes.js';

// Browsers verify with WebCrypto Ed25519 (native, ~10× faster than pure JS) and fall back to noble
// where the algorithm is missing. Keys are imported once and cached, since a kit reuses few keys.

type Subtle = {
  importKey(format: 'raw', key: Uint8Array, alg: { name: string }, extractable: boolean, usages: string[]): Promise<unknown>;
  verify(alg: { name: string }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
};

function subtle(): Subtle | undefined {
  const c = (globalThis as { crypto?: { subtle?: unknown } }).crypto;
  return c?.subtle as Subtle | undefined;
}

// A valid public key (RFC 8032 TEST 1) used only to ask whether this engine knows Ed25519.
const PROBE_KEY = new Uint8Array([
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72,
  0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
]);

export async function webCryptoHasEd25519(): Promise<boolean> {
  const s = subtle();
  if (!s) return false;
  try {
    await s.importKey('raw', PROBE_KEY, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

/** WebCrypto Ed25519 when the engine has it, otherwise @noble/ed25519. */
export async function browserVerifier(): Promise<SignatureVerifier> {
  const s = subtle();
  if (!s || !(await webCryptoHasEd25519())) return nobleVerifier;
  const keys = new Map<string, Promise<unknown>>();
  return {
    async verify(publicKey, message, signature) {
      if (signature.length !== 64 || publicKey.length !== 32) return false;
      const id = toHex(publicKey);
      let key = keys.get(id);
      if (!key) {
        key = s.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
        keys.set(id, key);
      }
      try {
        return await s.verify({ name: 'Ed25519' }, await key, signature, message);
      } catch {
        return false;
      }
    },
  };
}
