import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { sha256 } from './hash.js';
import { toHex } from './bytes.js';

// Enables noble's synchronous API (v3 otherwise only has the *Async functions).
ed.hashes.sha512 = sha512;

/** Something that can produce Ed25519 signatures: node:crypto on the server, noble in tests or a browser. */
export interface Signer {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Verifies Ed25519 signatures under one pinned policy: strict RFC 8032 (canonical S, canonical point
 * encodings) with small-order public keys refused when keys are loaded (see assertUsablePublicKey), so
 * the CLI (node:crypto) and the browser (WebCrypto or noble) never reach different verdicts.
 */
export interface SignatureVerifier {
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

export class KeyError extends Error {
  override readonly name = 'KeyError';
}

/** DSSE key id convention of this project: hex SHA-256 of the raw public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey));
}

/** Refuses keys that are not 32 bytes, not a valid point encoding, or of small order (they verify forged signatures). */
export function assertUsablePublicKey(publicKey: Uint8Array): void {
  if (publicKey.length !== 32) throw new KeyError(`Ed25519 public key must be 32 bytes, got ${publicKey.length}`);
  let point: ed.Point;
  try {
    point = ed.Point.fromBytes(publicKey, false);
  } catch {
    throw new KeyError('Ed25519 public key is not a valid point encoding');
  }
  if (point.isSmallOrder()) throw new KeyError('Ed25519 public key has small order');
}

export function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new KeyError(`Ed25519 seed must be 32 bytes, got ${seed.length}`);
  return ed.getPublicKey(seed);
}

/** Pure-JS signer; about 3k signatures/s. The server uses the node:crypto signer from `@custos/evidence/node`. */
export function nobleSigner(seed: Uint8Array): Signer {
  const publicKey = publicKeyFromSeed(seed);
  return { publicKey, sign: (message) => ed.sign(message, seed) };
}

/** Pure-JS strict verifier (RFC 8032 mode, not ZIP-215). */
export const nobleVerifier: SignatureVerifier = {
  verify(publicKey, message, signature) {
    if (signature.length !== 64 || publicKey.length !== 32) return Promise.resolve(false);
    try {
      return Promise.resolve(ed.verify(signature, message, publicKey, { zip215: false }));
    } catch {
      return Promise.resolve(false);
    }
  },
};

/** Fresh random seed from the platform CSPRNG (WebCrypto is global in browsers and Node ≥ 19). */
export function randomSeed(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}
