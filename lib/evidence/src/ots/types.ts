// The OpenTimestamps proof model (reference/evidence.md §4.2). A timestamp is a tree: each node holds
// attestations about its message and operations leading to child messages. Branch order is kept as
// parsed so that re-serialising a proof reproduces its bytes.

export type OtsOp =
  | { readonly kind: 'append'; readonly arg: Uint8Array }
  | { readonly kind: 'prepend'; readonly arg: Uint8Array }
  | { readonly kind: 'sha256' | 'sha1' | 'ripemd160' | 'keccak256' | 'reverse' | 'hexlify' };

export type OtsAttestation =
  | { readonly kind: 'pending'; readonly uri: string }
  | { readonly kind: 'bitcoin'; readonly height: number }
  | { readonly kind: 'litecoin'; readonly height: number }
  | { readonly kind: 'unknown'; readonly tag: Uint8Array; readonly payload: Uint8Array };

export type OtsBranch = { readonly attestation: OtsAttestation } | { readonly op: OtsOp; readonly next: OtsTimestamp };

export interface OtsTimestamp {
  readonly branches: OtsBranch[];
}

export type FileHashOp = 'sha256' | 'sha1' | 'ripemd160' | 'keccak256';

/** A `.ots` file: the digest of the stamped file and the proof tree starting from it. */
export interface DetachedTimestamp {
  readonly fileHashOp: FileHashOp;
  readonly digest: Uint8Array;
  readonly timestamp: OtsTimestamp;
}

export class OtsError extends Error {
  override readonly name = 'OtsError';
}

export const OP_TAGS = {
  append: 0xf0,
  prepend: 0xf1,
  reverse: 0xf2,
  hexlify: 0xf3,
  sha1: 0x02,
  ripemd160: 0x03,
  sha256: 0x08,
  keccak256: 0x67,
} as const;

export const DIGEST_LENGTHS: Record<FileHashOp, number> = { sha256: 32, sha1: 20, ripemd160: 20, keccak256: 32 };

export const ATTESTATION_TAGS = {
  pending: Uint8Array.from([0x83, 0xdf, 0xe3, 0x0d, 0x2e, 0xf9, 0x0c, 0x8e]),
  bitcoin: Uint8Array.from([0x05, 0x88, 0x96, 0x0d, 0x73, 0xd7, 0x19, 0x01]),
  litecoin: Uint8Array.from([0x06, 0x86, 0x9a, 0x0d, 0x73, 0xd7, 0x1b, 0x45]),
};

/** "\0OpenTimestamps\0\0Proof\0" followed by 8 magic bytes. */
export const FILE_MAGIC = Uint8Array.from([
  0x00, 0x4f, 0x70, 0x65, 0x6e, 0x54, 0x69, 0x6d, 0x65, 0x73, 0x74, 0x61, 0x6d, 0x70, 0x73, 0x00, 0x00, 0x50, 0x72, 0x6f, 0x6f, 0x66, 0x00, 0xbf,
  0x89, 0xe2, 0xe8, 0x84, 0xe8, 0x92, 0x94,
]);
export const FILE_VERSION = 1;

// Limits from the reference implementations: bounded depth, argument and message sizes keep a hostile
// proof from exhausting memory or stack.
export const MAX_DEPTH = 256;
export const MAX_OP_ARG = 4096;
export const MAX_MESSAGE = 4096;
export const MAX_URI = 1000;
export const URI_CHARS = /^[A-Za-z0-9\-._/:]*$/;
