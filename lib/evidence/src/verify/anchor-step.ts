import { fromHex, fromUtf8 } from '../bytes.js';
import { anchorLogOrigin } from '../checkpoint.js';
import { parseBlockHeader } from '../ots/bitcoin.js';
import { parseDetachedTimestamp } from '../ots/codec.js';
import { verifyOtsProof } from '../ots/verify-proof.js';
import { OtsError } from '../ots/types.js';
import { TimestampError, verifyTimestampResponse } from '../rfc3161/verify.js';
import { ANCHOR_LOG_ENTRIES, anchorCheckpointPath, headerPath, otsPath, tsrPath } from '../kit/layout.js';
import type { KitPath } from '../kit/layout.js';
import type { VerifyContext } from './context.js';
import { checkLog } from './log-step.js';
import type { AnchorSummary } from './report.js';

export interface AnchorResult {
  readonly summaries: AnchorSummary[];
  /** Index of each anchored site-checkpoint hash in the anchor log. */
  readonly entryIndex: ReadonlyMap<string, number>;
}

async function loadHeaders(ctx: VerifyContext, paths: readonly KitPath[]): Promise<{ headers: Map<number, Uint8Array>; invalid: Set<number> }> {
  const headers = new Map<number, Uint8Array>();
  const invalid = new Set<number>();
  for (const p of paths) {
    if (p.kind !== 'btc-header') continue;
    const path = headerPath(p.height, p.blockHash);
    const bytes = await ctx.read(path);
    if (!bytes) continue;
    try {
      const raw = fromHex(fromUtf8(bytes).trim());
      const header = parseBlockHeader(raw);
      if (header.hash !== p.blockHash) throw new Error(`header hashes to ${header.hash}, not the block hash in its name`);
      headers.set(p.height, raw);
    } catch (err) {
      ctx.findings.fail(path, 'header-invalid', (err as Error).message);
      invalid.add(p.height);
    }
  }
  return { headers, invalid };
}

/**
 * Verifies the anchor log (entries = SHA-256 of site checkpoint bodies) and each anchor: RFC 3161
 * tokens against the pinned TSA roots and OTS proofs against the shipped Bitcoin headers.
 */
export async function verifyAnchors(ctx: VerifyContext, paths: readonly KitPath[]): Promise<AnchorResult> {
  const f = ctx.findings;
  const checkpointFiles = paths.flatMap((p) => (p.kind === 'anchor-checkpoint' ? [{ path: anchorCheckpointPath(p.size), size: p.size }] : []));
  const anchorFiles = paths.filter((p): p is Extract<KitPath, { kind: 'tsr' | 'ots' }> => p.kind === 'tsr' || p.kind === 'ots');
  if (checkpointFiles.length === 0 && anchorFiles.length === 0 && !ctx.files.has(ANCHOR_LOG_ENTRIES)) {
    f.note('anchor-log/', 'the kit has no anchor log: no independent time bounds');
    return { summaries: [], entryIndex: new Map() };
  }
  const log = await checkLog(ctx, ANCHOR_LOG_ENTRIES, checkpointFiles, anchorLogOrigin(ctx.domain));
  const { headers, invalid: invalidHeaders } = await loadHeaders(ctx, paths);
  const maxTarget = parseInt(ctx.trust.policy.bitcoinMaxTarget, 16);
  const bySize = new Map(log.checkpoints.map((c) => [c.size, c]));
  const invalidCheckpoint = new Set(checkpointFiles.filter((c) => !bySize.has(c.size)).map((c) => c.size));
  const summaries = new Map<number, { tsaTime?: string; bitcoin?: AnchorSummary['bitcoin']; pendingCalendars: string[] }>();

  for (const a of anchorFiles.sort((x, y) => x.size - y.size)) {
    const path = a.kind === 'tsr' ? tsrPath(a.size) : otsPath(a.size);
    const cp = bySize.get(a.size);
    if (!cp) {
      // An invalid checkpoint is already reported; an anchor with no checkpoint at all is stray.
      if (!invalidCheckpoint.has(a.size)) f.fail(path, 'anchor-invalid', `no anchor-log checkpoint of size ${a.size} in the kit`);
      continue;
    }
    const bytes = await ctx.read(path);
    if (!bytes) continue;
    const summary = summaries.get(a.size) ?? { pendingCalendars: [] };
    summaries.set(a.size, summary);
    try {
      if (a.kind === 'tsr') {
        const v = await verifyTimestampResponse(bytes, { data: cp.body, trustedRoots: ctx.trust.tsaRoots.map((r) => r.certificate) });
        summary.tsaTime = v.genTime.toISOString();
      } else {
        const v = verifyOtsProof(parseDetachedTimestamp(bytes), cp.body, headers, maxTarget);
        // A header that is present but broken is reported on its own file, not again here.
        const removed = (h: number) => [...ctx.removed].some((r) => r.startsWith(`anchors/btc-headers/${h}-`));
        if (v.missingHeaders.some((h) => !invalidHeaders.has(h) && !removed(h))) throw new OtsError(`attests Bitcoin block ${v.missingHeaders.join(', ')} but the kit has no header for it`);
        const best = [...v.anchors].sort((x, y) => x.time - y.time)[0];
        if (best) summary.bitcoin = { height: best.height, blockHash: best.blockHash, time: new Date(best.time * 1000).toISOString() };
        else f.note(path, `not yet in Bitcoin: pending at ${v.pending.join(', ')}`);
        summary.pendingCalendars = [...v.pending];
      }
    } catch (err) {
      if (!(err instanceof TimestampError || err instanceof OtsError)) throw err;
      f.fail(path, 'anchor-invalid', err.message);
    }
  }
  const entryIndex = new Map<string, number>();
  log.entries?.slice(0, log.authenticatedSize).forEach((e, i) => entryIndex.set([...e].map((b) => b.toString(16).padStart(2, '0')).join(''), i));
  return {
    summaries: [...summaries.entries()].map(([anchorSize, s]) => ({ anchorSize, ...s })).sort((x, y) => x.anchorSize - y.anchorSize),
    entryIndex,
  };
}
