import { fromHex, toHex } from '../bytes.js';
import { leafHash } from '../merkle/hash.js';
import { MerkleFrontier } from '../merkle/frontier.js';
import { ZERO_DIGEST } from './schema.js';

export interface SiteLogState {
  readonly origin: string;
  readonly size: number;
  readonly peaks: readonly string[];
  /** Hex E of the last appended envelope (the next bundle's `prev`), or 64 zeros when empty. */
  readonly last: string;
}

export class SiteLogConflict extends Error {
  override readonly name = 'SiteLogConflict';
}

/**
 * Append state of one site's log, for its single writer. The writer asks `next()` for the seq and prev
 * to put in the bundle, stores the envelope, then calls `append(seq, E)`. A seq that is not the current
 * size means another writer got there first: refused, so the log cannot fork (the original platform's
 * hash chain forked under concurrent writers). State is ~1 KB of JSON, persisted after each append.
 */
export class SiteLog {
  private constructor(
    readonly origin: string,
    private readonly frontier: MerkleFrontier,
    private last: string,
  ) {}

  static create(origin: string): SiteLog {
    return new SiteLog(origin, MerkleFrontier.empty(), ZERO_DIGEST);
  }

  static resume(state: SiteLogState): SiteLog {
    if (!/^[0-9a-f]{64}$/.test(state.last)) throw new Error('site log state: last is not 64 hex digits');
    if (state.size === 0 && state.last !== ZERO_DIGEST) throw new Error('site log state: empty log with a last entry');
    return new SiteLog(state.origin, MerkleFrontier.restore(state.size, state.peaks.map(fromHex)), state.last);
  }

  get size(): number {
    return this.frontier.size;
  }

  /** Seq and prev for the next bundle. */
  next(): { seq: number; prev: string } {
    return { seq: this.frontier.size, prev: this.last };
  }

  append(seq: number, envelopeDigest: Uint8Array): void {
    if (seq !== this.frontier.size) throw new SiteLogConflict(`append of seq ${seq} to ${this.origin}, whose next seq is ${this.frontier.size}`);
    if (envelopeDigest.length !== 32) throw new Error('log entries are 32-byte envelope digests');
    this.frontier.appendLeafHash(leafHash(envelopeDigest));
    this.last = toHex(envelopeDigest);
  }

  root(): Uint8Array {
    return this.frontier.root();
  }

  state(): SiteLogState {
    const { size, peaks } = this.frontier.toJSON();
    return { origin: this.origin, size, peaks, last: this.last };
  }
}
