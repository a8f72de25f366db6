import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './hash.js';
import { fromHex, toHex } from '../bytes.js';

/**
 * The right edge of an RFC 6962 tree: one perfect-subtree root per set bit of `size`, largest first.
 * Appending costs amortised one node hash, the root costs at most log2(size) hashes, and the whole state
 * is ≤ 64 hashes, so a site log can be persisted after every append and resumed by another process.
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    /** Roots of the perfect subtrees covering [0, size), left to right. */
    private readonly peaks: Uint8Array[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Rebuilds the state; throws if the number of peaks does not match the bits of `size`. */
  static restore(size: number, peaks: readonly Uint8Array[]): MerkleFrontier {
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`frontier size ${size} is not a non-negative integer`);
    if (popcount(size) !== peaks.length) {
      throw new Error(`frontier of size ${size} needs ${popcount(size)} peak hashes, got ${peaks.length}`);
    }
    for (const p of peaks) if (p.length !== HASH_SIZE) throw new Error('frontier peak is not a 32-byte hash');
    return new MerkleFrontier(size, peaks.map((p) => p.slice()));
  }

  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (not the entry: callers hash with leafHash). */
  appendLeafHash(hash: Uint8Array): void {
    let h = hash;
    // Merge equal-height subtrees: one merge per trailing 1-bit of the old size.
    for (let s = this.count; s & 1; s = Math.floor(s / 2)) h = nodeHash(this.peaks.pop()!, h);
    this.peaks.push(h);
    this.count++;
  }

  root(): Uint8Array {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    let h = this.peaks[this.peaks.length - 1]!;
    for (let i = this.peaks.length - 2; i >= 0; i--) h = nodeHash(this.peaks[i]!, h);
    return h;
  }

  peakHashes(): Uint8Array[] {
    return this.peaks.map((p) => p.slice());
  }

  toJSON(): { size: number; peaks: string[] } {
    return { size: this.count, peaks: this.peaks.map(toHex) };
  }

  static fromJSON(json: { size: number; peaks: readonly string[] }): MerkleFrontier {
    return MerkleFrontier.restore(json.size, json.peaks.map(fromHex));
  }
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x & 1;
  return c;
}
