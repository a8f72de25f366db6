import { concatBytes, sha256 } from '@custos/evidence';
import type { OtsBranch, OtsOp, OtsTimestamp } from '@custos/evidence';

// A toy Bitcoin chain for the test calendar: each "mined" block commits to the calendar's Merkle tip
// the way real calendars do (tip inside a transaction, transaction in the block's dSHA256 Merkle tree),
// with a regtest-difficulty header whose proof of work is real, just easy.

export const REGTEST_BITS = 0x207fffff;

function dsha256(b: Uint8Array): Uint8Array {
  return sha256(sha256(b));
}

/** Ops from `leaf` up a tree built by `hash(l ‖ r)`; returns the path per leaf and the root. */
function merklePaths(leaves: Uint8Array[], hash: OtsOp[], combine: (l: Uint8Array, r: Uint8Array) => Uint8Array): { root: Uint8Array; paths: OtsOp[][] } {
  const paths = leaves.map(() => [] as OtsOp[]);
  let level = leaves.map((h, i) => ({ h, members: [i] }));
  while (level.length > 1) {
    const next: typeof level = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!;
      const right = level[i + 1] ?? left; // Bitcoin duplicates the last node of an odd level
      for (const m of left.members) paths[m]!.push({ kind: 'append', arg: right.h }, ...hash);
      if (right !== left) for (const m of right.members) paths[m]!.push({ kind: 'prepend', arg: left.h }, ...hash);
      next.push({ h: combine(left.h, right.h), members: right === left ? left.members : [...left.members, ...right.members] });
    }
    level = next;
  }
  return { root: level[0]!.h, paths };
}

function chainOps(ops: OtsOp[], end: OtsBranch): OtsTimestamp {
  let node: OtsTimestamp = { branches: [end] };
  for (let i = ops.length - 1; i >= 0; i--) node = { branches: [{ op: ops[i]!, next: node }] };
  return node;
}

export interface MinedBlock {
  readonly height: number;
  readonly header: Uint8Array;
  /** Completed proof from each commitment (hex) to the Bitcoin attestation. */
  readonly upgrades: Map<string, OtsTimestamp>;
}

export function mineBlock(commitments: Uint8Array[], height: number, prevHash: Uint8Array, time: number): MinedBlock {
  const sha: OtsOp[] = [{ kind: 'sha256' }];
  const leaves = commitments.map((c) => sha256(c));
  const calendar = merklePaths(leaves, sha, (l, r) => sha256(concatBytes(l, r)));
  // A transaction carrying the tip in an OP_RETURN-like output: prefix ‖ tip ‖ suffix.
  const txPrefix = Uint8Array.from([0x01, 0x00, 0x00, 0x00, 0x01, 0x6a, 0x20]);
  const txSuffix = Uint8Array.from([0x00, 0x00, 0x00, 0x00]);
  const txid = dsha256(concatBytes(txPrefix, calendar.root, txSuffix));
  const coinbase = dsha256(Uint8Array.from([height & 0xff, (height >> 8) & 0xff, (height >> 16) & 0xff, 0xc0]));
  const block = merklePaths([coinbase, txid], [{ kind: 'sha256' }, { kind: 'sha256' }], (l, r) => dsha256(concatBytes(l, r)));
  const header = new Uint8Array(80);
  const view = new DataView(header.buffer);
  view.setInt32(0, 0x20000000, true);
  header.set(prevHash, 4);
  header.set(block.root, 36);
  view.setUint32(68, time, true);
  view.setUint32(72, REGTEST_BITS, true);
  const target = 0x7fffffn << BigInt(8 * (0x20 - 3));
  for (let nonce = 0; ; nonce++) {
    view.setUint32(76, nonce, true);
    const hash = BigInt(`0x${[...dsha256(header)].reverse().map((b) => b.toString(16).padStart(2, '0')).join('')}`);
    if (hash <= target) break;
  }
  const upgrades = new Map<string, OtsTimestamp>();
  commitments.forEach((c, i) => {
    const ops: OtsOp[] = [
      { kind: 'sha256' },
      ...calendar.paths[i]!,
      { kind: 'prepend', arg: txPrefix },
      { kind: 'append', arg: txSuffix },
      { kind: 'sha256' },
      { kind: 'sha256' },
      ...block.paths[1]!,
    ];
    upgrades.set(Buffer.from(c).toString('hex'), chainOps(ops, { attestation: { kind: 'bitcoin', height } }));
  });
  return { height, header, upgrades };
}
