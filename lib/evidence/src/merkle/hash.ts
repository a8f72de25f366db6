import { sha256 } from '../hash.js';

// RFC 6962 §2.1 tree hashing. The 0x00 / 0x01 prefixes separate leaves from interior nodes, so an
// interior node can never be passed off as a leaf (second-preimage attack).

export const HASH_SIZE = 32;

/** MTH({}) = SHA-256(""). */
export const EMPTY_ROOT = sha256(new Uint8Array(0));

export function leafHash(entry: Uint8Array): Uint8Array {
  const buf = new Uint8Array(entry.length + 1);
  buf.set(entry, 1);
  return sha256(buf);
}

// One scratch buffer: node hashing is the hot loop of log verification (two million calls per million entries).
const nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);
nodeScratch[0] = 1;

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** Largest power of two strictly less than n (n ≥ 2): the RFC 6962 split point, not the midpoint. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
