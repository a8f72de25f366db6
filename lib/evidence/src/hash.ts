import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { ripemd160 as nobleRipemd160, sha1 as nobleSha1 } from '@noble/hashes/legacy.js';

// One place for the hash functions the evidence formats need. @noble/hashes runs in any JS engine;
// the Node entry point (`@custos/evidence/node`) swaps SHA-256 for OpenSSL's, which is ~2× faster on
// 65-byte Merkle nodes and ~9× on 4 KB envelopes. Same function, same bytes: only speed changes.

type Sha256 = (data: Uint8Array) => Uint8Array;
let sha256Impl: Sha256 = (data) => nobleSha256(data);

/** Replaces the SHA-256 implementation (Node: OpenSSL). The replacement must be a correct SHA-256. */
export function useSha256(impl: Sha256): void {
  if (impl(new Uint8Array([0x61, 0x62, 0x63]))[0] !== 0xba) throw new Error('useSha256: implementation fails the "abc" known answer');
  sha256Impl = impl;
}

export function sha256(data: Uint8Array): Uint8Array {
  return sha256Impl(data);
}

export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

export function sha1(data: Uint8Array): Uint8Array {
  return nobleSha1(data);
}

export function ripemd160(data: Uint8Array): Uint8Array {
  return nobleRipemd160(data);
}
