import { bytesEqual, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { leafHash } from '../merkle/hash.js';
import { MerkleFrontier } from '../merkle/frontier.js';
import { NoteError, verifyNote } from '../note.js';
import { CheckpointError, parseCheckpoint } from '../checkpoint.js';
import type { VerifyContext } from './context.js';

// Shared by site logs and the anchor log: read entries.bin, verify every checkpoint's signature and
// origin, and check each checkpoint's root against the entries in one pass.

export interface VerifiedCheckpoint {
  readonly path: string;
  readonly size: number;
  readonly root: Uint8Array;
  /** The signed text; what the anchor log records (as SHA-256) and what TSA/OTS stamp. */
  readonly body: Uint8Array;
  readonly bodyHash: string;
}

export interface LogCheck {
  /** Entries read from entries.bin, or undefined if the file is missing. */
  readonly entries: Uint8Array[] | undefined;
  readonly checkpoints: VerifiedCheckpoint[];
  /** Entries [0, authenticatedSize) are proven by a signed checkpoint whose root matches. */
  readonly authenticatedSize: number;
}

export async function checkLog(
  ctx: VerifyContext,
  entriesPath: string,
  checkpointFiles: readonly { path: string; size: number }[],
  origin: string,
): Promise<LogCheck> {
  const raw = await ctx.read(entriesPath);
  let entries: Uint8Array[] | undefined;
  if (!raw) {
    ctx.findings.fail(entriesPath, 'missing', 'the log file is not in the kit');
  } else {
    if (raw.length % 32 !== 0) ctx.findings.fail(entriesPath, 'entries-malformed', `${raw.length} bytes is not a whole number of 32-byte entries`);
    entries = [];
    for (let i = 0; i + 32 <= raw.length; i += 32) entries.push(raw.subarray(i, i + 32));
  }

  const checkpoints: VerifiedCheckpoint[] = [];
  for (const { path, size } of [...checkpointFiles].sort((a, b) => a.size - b.size)) {
    const bytes = await ctx.read(path);
    if (!bytes) continue;
    try {
      const { text } = await verifyNote(bytes, ctx.logNoteKeys(), ctx.verifier);
      const cp = parseCheckpoint(text);
      if (cp.origin !== origin) throw new CheckpointError(`origin is ${cp.origin}, expected ${origin}`);
      if (cp.size !== size) throw new CheckpointError(`checkpoint is for size ${cp.size} but the file is named for size ${size}`);
      const body = new TextEncoder().encode(text);
      checkpoints.push({ path, size, root: cp.root, body, bodyHash: toHex(sha256(body)) });
    } catch (err) {
      if (!(err instanceof NoteError || err instanceof CheckpointError)) throw err;
      ctx.findings.fail(path, 'checkpoint-invalid', err.message);
    }
  }

  let authenticatedSize = 0;
  if (entries) {
    const frontier = MerkleFrontier.empty();
    let next = 0;
    let consistent = true;
    for (const cp of checkpoints) {
      if (cp.size > entries.length) {
        ctx.findings.fail(entriesPath, 'log-truncated', `signed checkpoint ${cp.size} covers ${cp.size} entries but the log has ${entries.length}`);
        consistent = false;
        continue;
      }
      for (; next < cp.size; next++) frontier.appendLeafHash(leafHash(entries[next]!));
      if (!bytesEqual(frontier.root(), cp.root)) {
        ctx.findings.fail(entriesPath, 'checkpoint-mismatch', `Merkle root of the first ${cp.size} entries differs from signed checkpoint ${cp.size}`);
        consistent = false;
      } else if (consistent) {
        authenticatedSize = cp.size;
      }
    }
    const last = checkpoints.at(-1)?.size ?? 0;
    if (entries.length > last) ctx.findings.note(entriesPath, `${entries.length - last} entries after the latest checkpoint (${last}) are not yet covered by a signed checkpoint`);
  }
  return { entries, checkpoints, authenticatedSize };
}
