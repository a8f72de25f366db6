import { createHash, hash } from 'node:crypto';
import { useSha256 } from '../hash.js';

// OpenSSL SHA-256 for the evidence core when running in Node. crypto.hash (one-shot, Node ≥ 20.12)
// avoids a Hash object per call, which matters for two million Merkle node hashes.
const oneShot = typeof hash === 'function';

export function nodeSha256(data: Uint8Array): Uint8Array {
  const out = oneShot ? hash('sha256', data, 'buffer') : createHash('sha256').update(data).digest();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

useSha256(nodeSha256);
