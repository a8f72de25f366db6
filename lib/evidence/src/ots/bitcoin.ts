import { bytesEqual, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';

// Checks a Bitcoin block header offline: its proof of work against its own nBits (and against the
// easiest target the trust policy accepts), and that its merkle root is the message an OTS proof reached.

export interface BlockHeader {
  readonly version: number;
  readonly prevBlock: Uint8Array;
  /** Internal byte order, as in the header and as OTS proofs reach it. */
  readonly merkleRoot: Uint8Array;
  readonly time: number;
  readonly bits: number;
  readonly nonce: number;
  /** Block hash in display order (reversed double SHA-256). */
  readonly hash: string;
}

export class BlockHeaderError extends Error {
  override readonly name = 'BlockHeaderError';
}

export function doubleSha256(b: Uint8Array): Uint8Array {
  return sha256(sha256(b));
}

export function parseBlockHeader(raw: Uint8Array): BlockHeader {
  if (raw.length !== 80) throw new BlockHeaderError(`block header must be 80 bytes, got ${raw.length}`);
  const v = new DataView(raw.buffer, raw.byteOffset, 80);
  return {
    version: v.getInt32(0, true),
    prevBlock: raw.slice(4, 36),
    merkleRoot: raw.slice(36, 68),
    time: v.getUint32(68, true),
    bits: v.getUint32(72, true),
    nonce: v.getUint32(76, true),
    hash: toHex(doubleSha256(raw).reverse()),
  };
}

/** Target encoded by compact nBits; throws for negative or overflowing encodings. */
export function targetFromBits(bits: number): bigint {
  const exponent = bits >>> 24;
  const mantissa = bits & 0x007fffff;
  if (bits & 0x00800000) throw new BlockHeaderError(`nBits ${bits.toString(16)} encodes a negative target`);
  if (mantissa === 0) throw new BlockHeaderError(`nBits ${bits.toString(16)} encodes a zero target`);
  const target = exponent <= 3 ? BigInt(mantissa >> (8 * (3 - exponent))) : BigInt(mantissa) << BigInt(8 * (exponent - 3));
  if (target >= 1n << 256n) throw new BlockHeaderError(`nBits ${bits.toString(16)} overflows 256 bits`);
  return target;
}

export interface HeaderCheck {
  readonly header: BlockHeader;
  /** Unix seconds; Bitcoin allows ~2 h of slack, so "existed before time + 2 h" is the safe claim. */
  readonly time: number;
}

/**
 * Verifies that `raw` is a header with valid proof of work no easier than `maxTargetBits`, whose merkle
 * root is `message`. Throws BlockHeaderError with the reason otherwise.
 */
export function checkBlockHeader(raw: Uint8Array, message: Uint8Array, maxTargetBits: number): HeaderCheck {
  const header = parseBlockHeader(raw);
  const target = targetFromBits(header.bits);
  if (target > targetFromBits(maxTargetBits)) {
    throw new BlockHeaderError(`header difficulty nBits ${header.bits.toString(16)} is easier than the policy limit ${maxTargetBits.toString(16)}`);
  }
  const hashValue = BigInt(`0x${header.hash}`);
  if (hashValue > target) throw new BlockHeaderError(`block hash ${header.hash} does not meet its target (invalid proof of work)`);
  if (!bytesEqual(header.merkleRoot, message)) throw new BlockHeaderError('header merkle root differs from the message the proof reaches');
  return { header, time: header.time };
}
