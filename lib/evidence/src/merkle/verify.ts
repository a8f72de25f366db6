import { bytesEqual } from '../bytes.js';
import { HASH_SIZE, nodeHash } from './hash.js';

// Proof verification as specified iteratively in RFC 9162 §2.1.3.2 and §2.1.4.2. Each function
// returns a reason string on failure (for the verifier's report) and undefined on success.

function badInputs(size: number, proof: readonly Uint8Array[]): string | undefined {
  if (!Number.isSafeInteger(size) || size < 0) return `tree size ${size} is not a non-negative integer`;
  for (const [i, p] of proof.entries()) if (p.length !== HASH_SIZE) return `proof element ${i} is ${p.length} bytes, not 32`;
  return undefined;
}

/** Root implied by an inclusion proof, or a reason the proof is malformed for (index, size). */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): { root: Uint8Array } | { error: string } {
  const bad = badInputs(size, proof);
  if (bad) return { error: bad };
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return { error: `leaf index ${index} is outside 0..${size - 1}` };
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return { error: 'proof is longer than the tree is deep' };
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return { error: 'proof is shorter than the tree is deep' };
  return { root: r };
}

export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): string | undefined {
  const r = rootFromInclusionProof(index, size, leafHash, proof);
  if ('error' in r) return r.error;
  return bytesEqual(r.root, root) ? undefined : 'inclusion proof leads to a different root';
}

export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): string | undefined {
  const bad = badInputs(size2, proof) ?? badInputs(size1, []);
  if (bad) return bad;
  if (size1 > size2) return `old size ${size1} is larger than new size ${size2}`;
  if (size1 === size2) {
    if (proof.length !== 0) return 'proof must be empty for equal sizes';
    return bytesEqual(root1, root2) ? undefined : 'equal sizes with different roots (fork)';
  }
  if (size1 === 0) return proof.length === 0 ? undefined : 'proof must be empty from an empty tree';
  if (proof.length === 0) return 'empty consistency proof';
  // When size1 is a power of two, root1 is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return 'proof is longer than needed';
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return 'proof is shorter than needed';
  if (!bytesEqual(fr, root1)) return 'proof does not lead to the old root';
  if (!bytesEqual(sr, root2)) return 'proof does not lead to the new root';
  return undefined;
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}
