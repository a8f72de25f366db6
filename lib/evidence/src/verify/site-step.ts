import { bytesEqual, fromHex, toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { ZERO_DIGEST } from '../bundle/schema.js';
import { siteLogOrigin } from '../checkpoint.js';
import { artefactPath, envelopePath, siteEntriesPath } from '../kit/layout.js';
import type { KitPath } from '../kit/layout.js';
import type { VerifyContext } from './context.js';
import { checkLog } from './log-step.js';
import type { VerifiedCheckpoint } from './log-step.js';
import { checkEnvelope } from './envelope-step.js';
import type { SiteSummary } from './report.js';

type EnvelopeFile = { path: string; seq: number; digestHex: string };

export interface SiteResult {
  readonly summary: Omit<SiteSummary, 'anchoredEntries' | 'anchoredBy'>;
  readonly checkpoints: readonly VerifiedCheckpoint[];
}

/**
 * Verifies one site: its log against its signed checkpoints, then every envelope, attributing each
 * disagreement to the object at fault. Entries proven by a checkpoint are authoritative; below that,
 * a self-consistent signed envelope outranks an unproven log entry.
 */
export async function verifySite(ctx: VerifyContext, tenant: string, site: string, paths: readonly KitPath[], counter: { done: number; total: number }): Promise<SiteResult> {
  const f = ctx.findings;
  const entriesPath = siteEntriesPath(tenant, site);
  const checkpointFiles: { path: string; size: number }[] = [];
  const envelopeFiles: EnvelopeFile[] = [];
  const artefacts = new Set<string>();
  for (const p of paths) {
    if (p.kind === 'site-checkpoint') checkpointFiles.push({ path: `sites/${tenant}/${site}/checkpoints/${p.size}.note`, size: p.size });
    if (p.kind === 'envelope') envelopeFiles.push({ path: envelopePath(tenant, site, p.seq, p.digestHex), seq: p.seq, digestHex: p.digestHex });
    if (p.kind === 'artefact') artefacts.add(artefactPath(tenant, site, p.name));
  }
  const log = await checkLog(ctx, entriesPath, checkpointFiles, siteLogOrigin(ctx.domain, tenant, site));
  const entries = log.entries;
  // A signed checkpoint larger than entries.bin means the log file was truncated (reported by checkLog);
  // envelopes it covers are then judged on their own.
  const signedSize = log.checkpoints.at(-1)?.size ?? 0;
  const entryHex = (i: number) => (entries && i < entries.length ? toHex(entries[i]!) : undefined);

  const bySeq = new Map<number, EnvelopeFile[]>();
  for (const e of envelopeFiles) {
    const list = bySeq.get(e.seq);
    if (list) list.push(e);
    else bySeq.set(e.seq, [e]);
  }
  // Digest of the envelope accepted at each seq, used for the next one's `prev`.
  const accepted = new Map<number, string>();
  const contents = new Map<string, Uint8Array>();
  for (const e of envelopeFiles) {
    const bytes = await ctx.read(e.path);
    if (!bytes) continue;
    if (toHex(sha256(bytes)) === e.digestHex) {
      contents.set(e.path, bytes);
    } else {
      f.fail(e.path, 'envelope-digest', `content SHA-256 ${toHex(sha256(bytes)).slice(0, 16)}… does not match the digest in the file name`);
    }
  }

  let verified = 0;
  let first: string | undefined;
  let last: string | undefined;
  const referenced = new Set<string>();
  for (const e of envelopeFiles.sort((a, b) => a.seq - b.seq)) {
    counter.done++;
    if (counter.done % 256 === 0) ctx.progress('bundles', counter.done, counter.total);
    const bytes = contents.get(e.path);
    if (!bytes) continue;
    const logged = entryHex(e.seq);
    const siblings = bySeq.get(e.seq)!;
    if (entries && e.seq >= entries.length && e.seq >= signedSize) {
      f.fail(e.path, 'not-in-log', `seq ${e.seq} is beyond the log's ${entries.length} entries and every signed checkpoint`);
      continue;
    }
    if (logged !== undefined && logged !== e.digestHex && (e.seq < log.authenticatedSize || siblings.some((s) => s.digestHex === logged))) {
      f.fail(e.path, 'not-in-log', `log entry ${e.seq} is ${logged.slice(0, 16)}…; this envelope is not the one logged`);
      continue;
    }
    const check = await checkEnvelope(ctx, bytes, tenant, site);
    if (!check.ok) {
      f.fail(e.path, check.code, check.reason);
      continue;
    }
    const p = check.statement.predicate;
    if (p.seq !== String(e.seq)) {
      f.fail(e.path, 'seq-mismatch', `statement says seq ${p.seq}, the file is at seq ${e.seq}`);
      continue;
    }
    // The previous digest: the log's when a checkpoint proves it, else the envelope accepted at seq-1.
    const expectedPrev = e.seq === 0 ? ZERO_DIGEST : e.seq - 1 < log.authenticatedSize ? entryHex(e.seq - 1) : (accepted.get(e.seq - 1) ?? entryHex(e.seq - 1));
    if (expectedPrev !== undefined && p.prev !== expectedPrev) {
      f.fail(e.path, 'prev-mismatch', `prev is ${p.prev.slice(0, 16)}…, the envelope before it is ${expectedPrev.slice(0, 16)}… (chain broken)`);
      continue;
    }
    if (logged !== undefined && logged !== e.digestHex) {
      // A valid signed envelope disagrees with a log entry no checkpoint proves: the log file is wrong.
      f.fail(`${entriesPath}#${e.seq}`, 'entry-mismatch', `entry ${e.seq} is ${logged.slice(0, 16)}… but the signed envelope for seq ${e.seq} hashes to ${e.digestHex.slice(0, 16)}…`);
    }
    for (const s of check.statement.subject) {
      const path = artefactPath(tenant, site, s.name);
      referenced.add(path);
      const artefact = await ctx.read(path);
      if (!artefact) {
        if (p.kind === 'history') f.fail(path, 'artefact-missing', `workflow history of bundle ${e.seq} is not in the kit`);
        continue;
      }
      if (!bytesEqual(sha256(artefact), fromHex(s.digest.sha256))) f.fail(path, 'artefact-digest', `SHA-256 differs from the digest signed in bundle ${e.seq}`);
    }
    verified++;
    accepted.set(e.seq, e.digestHex);
    if (!first || p.startedAt < first) first = p.startedAt;
    if (!last || p.finishedAt > last) last = p.finishedAt;
  }

  if (entries) {
    for (let i = 0; i < entries.length; i++) {
      const files = bySeq.get(i) ?? [];
      // Absent: no file at this seq, or (when a checkpoint proves the entry) none with the logged digest.
      if (files.length === 0 || (i < log.authenticatedSize && !files.some((e) => e.digestHex === entryHex(i)))) {
        f.fail(envelopePath(tenant, site, i, entryHex(i)!), 'missing', `log entry ${i} has no envelope in the kit`);
      }
    }
  }
  for (const a of artefacts) if (!referenced.has(a)) f.fail(a, 'unexpected-file', 'no bundle in the kit refers to this file');

  return {
    summary: {
      tenant,
      site,
      entries: entries?.length ?? 0,
      envelopesVerified: verified,
      artefactsVerified: [...referenced].filter((p) => artefacts.has(p) && !f.failed(p)).length,
      ...(first ? { firstStartedAt: first } : {}),
      ...(last ? { lastFinishedAt: last } : {}),
      latestCheckpoint: log.checkpoints.at(-1)?.size ?? 0,
    },
    checkpoints: log.checkpoints,
  };
}
