import { EMPTY_ROOT, nodeHash, splitPoint } from './hash.js';
import { MerkleFrontier } from './frontier.js';

// Proof generation (RFC 6962 §2.1.1 PATH and §2.1.2 PROOF/SUBPROOF) over the leaf hashes of a log.
// The producer holds all leaf hashes (entries are 32-byte digests, so 1M entries are 32 MB).

/** MTH over leafHashes[start, end). */
export function subtreeRoot(leafHashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end <= start) return EMPTY_ROOT;
  const f = MerkleFrontier.empty();
  for (let i = start; i < end; i++) f.appendLeafHash(leafHashes[i]!);
  return f.root();
}

export function treeRoot(leafHashes: readonly Uint8Array[], size = leafHashes.length): Uint8Array {
  return subtreeRoot(leafHashes, 0, size);
}

function checkSize(leafHashes: readonly Uint8Array[], size: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > leafHashes.length) {
    throw new RangeError(`tree size ${size} is outside 0..${leafHashes.length}`);
  }
}

/** Audit path for leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number, size: number): Uint8Array[] {
  checkSize(leafHashes, size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf index ${index} is outside 0..${size - 1}`);
  const path: Uint8Array[] = [];
  const walk = (m: number, start: number, n: number): void => {
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      path.push(subtreeRoot(leafHashes, start + k, start + n));
    } else {
      walk(m - k, start + k, n - k);
      path.push(subtreeRoot(leafHashes, start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** Proof that the tree of size `size1` is a prefix of the tree of size `size2`. */
export function consistencyProof(leafHashes: readonly Uint8Array[], size1: number, size2: number): Uint8Array[] {
  checkSize(leafHashes, size2);
  if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size2) throw new RangeError(`old size ${size1} is outside 0..${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  const proof: Uint8Array[] = [];
  const sub = (m: number, start: number, n: number, complete: boolean): void => {
    if (m === n) {
      if (!complete) proof.push(subtreeRoot(leafHashes, start, start + n));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, k, complete);
      proof.push(subtreeRoot(leafHashes, start + k, start + n));
    } else {
      sub(m - k, start + k, n - k, false);
      proof.push(subtreeRoot(leafHashes, start, start + k));
    }
  };
  sub(size1, 0, size2, true);
  return proof;
}

export { nodeHash };
