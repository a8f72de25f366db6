import { bytesEqual, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { attestationsOf } from './walk.js';
import { BlockHeaderError, checkBlockHeader } from './bitcoin.js';
import { OtsError } from './types.js';
import type { DetachedTimestamp } from './types.js';

export interface BitcoinAnchor {
  readonly height: number;
  readonly blockHash: string;
  /** Header nTime, Unix seconds. */
  readonly time: number;
}

export interface OtsProofVerification {
  /** Bitcoin attestations that verified against a supplied header. */
  readonly anchors: readonly BitcoinAnchor[];
  /** Calendars still pending (the proof is not yet upgraded there). */
  readonly pending: readonly string[];
  /** Bitcoin attestations whose header was not supplied. */
  readonly missingHeaders: readonly number[];
}

/**
 * Verifies an OTS proof of `data` offline: the file digest must be SHA-256(data), every Bitcoin
 * attestation whose header is supplied must check out (a bad one throws), and the result lists what
 * remains pending. Callers decide whether "no verified anchor yet" is acceptable.
 */
export function verifyOtsProof(
  proof: DetachedTimestamp,
  data: Uint8Array,
  headers: ReadonlyMap<number, Uint8Array>,
  maxTargetBits: number,
): OtsProofVerification {
  if (proof.fileHashOp !== 'sha256') throw new OtsError(`proof hashes the file with ${proof.fileHashOp}, expected sha256`);
  if (!bytesEqual(proof.digest, sha256(data))) throw new OtsError('proof is for different data (file digest mismatch)');
  const anchors: BitcoinAnchor[] = [];
  const pending: string[] = [];
  const missingHeaders: number[] = [];
  for (const { attestation, message } of attestationsOf(proof.timestamp, proof.digest)) {
    if (attestation.kind === 'pending') pending.push(attestation.uri);
    if (attestation.kind !== 'bitcoin') continue;
    const header = headers.get(attestation.height);
    if (!header) {
      missingHeaders.push(attestation.height);
      continue;
    }
    try {
      const { header: h, time } = checkBlockHeader(header, message, maxTargetBits);
      anchors.push({ height: attestation.height, blockHash: h.hash, time });
    } catch (err) {
      if (err instanceof BlockHeaderError) throw new OtsError(`Bitcoin attestation at height ${attestation.height}: ${err.message} (message ${toHex(message)})`);
      throw err;
    }
  }
  return { anchors, pending, missingHeaders };
}
