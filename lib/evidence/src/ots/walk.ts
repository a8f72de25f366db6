import { toHex } from '../bytes.js';
import { applyOp } from './ops.js';
import { OtsError } from './types.js';
import type { OtsAttestation, OtsTimestamp } from './types.js';

export interface ReachedAttestation {
  readonly attestation: OtsAttestation;
  /** The message the attestation commits to (for Bitcoin: the block's merkle root, header byte order). */
  readonly message: Uint8Array;
}

/** Replays every operation from `start` and lists each attestation with the message it attests. */
export function attestationsOf(timestamp: OtsTimestamp, start: Uint8Array): ReachedAttestation[] {
  const out: ReachedAttestation[] = [];
  const visit = (t: OtsTimestamp, msg: Uint8Array) => {
    for (const b of t.branches) {
      if ('attestation' in b) out.push({ attestation: b.attestation, message: msg });
      else visit(b.next, applyOp(b.op, msg));
    }
  };
  visit(timestamp, start);
  return out;
}

/**
 * Grafts a calendar's upgrade (a timestamp starting at `commitment`) onto every node whose message is
 * `commitment`. The pending attestation stays, as in the reference clients. Returns how many nodes took it.
 */
export function mergeAt(timestamp: OtsTimestamp, start: Uint8Array, commitment: Uint8Array, upgrade: OtsTimestamp): number {
  const target = toHex(commitment);
  let merged = 0;
  const visit = (t: OtsTimestamp, msg: Uint8Array) => {
    if (toHex(msg) === target) {
      for (const b of upgrade.branches) {
        const dup = 'attestation' in b && t.branches.some((x) => 'attestation' in x && JSON.stringify(x.attestation) === JSON.stringify(b.attestation));
        if (!dup) t.branches.push(b);
      }
      merged++;
      return;
    }
    for (const b of t.branches) if ('op' in b) visit(b.next, applyOp(b.op, msg));
  };
  visit(timestamp, start);
  if (merged === 0) throw new OtsError(`no node of the proof has message ${target}`);
  return merged;
}
