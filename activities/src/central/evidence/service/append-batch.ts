import { buildBundle, SchemaError, signBundle, toHex } from '@custos/evidence';
import type { EvidenceStatement, Subject } from '@custos/evidence';
import type { ArtefactRef, EvidenceDb } from '../db/tables.js';
import type { EvidenceKeys } from '../keys/evidence-keys.js';
import { withSiteLog } from '../log/site-log-writer.js';
import type { SiteRef, StoredEnvelope } from '../log/site-log-writer.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import type { ObjectStore } from '../store/object-store.js';
import { retainUntil } from '../store/retention.js';
import type { RetentionPolicy } from '../store/retention.js';
import { invalidStatement } from './request.js';
import type { EvidenceRequest } from './request.js';

export interface EvidenceAgent {
  readonly name: string;
  readonly version: string;
  /** `sha256:<hex>` of the build that produced the evidence. */
  readonly buildDigest: string;
}

/** A request already validated, whose artefacts are stored. */
export interface PreparedRequest {
  readonly request: EvidenceRequest;
  readonly subjects: readonly Subject[];
  readonly artefacts: readonly ArtefactRef[];
}

export interface RecordedEvidence {
  readonly requestKey: string;
  readonly siteId: string;
  readonly seq: number;
  readonly digest: string;
  readonly objectKey: string;
  readonly versionId: string | null;
  /** True when the request key was already logged: nothing new was written. */
  readonly duplicate: boolean;
}

export interface BatchContext {
  readonly db: EvidenceDb;
  readonly store: ObjectStore;
  readonly keys: EvidenceKeys;
  readonly retention: RetentionPolicy;
  readonly agent: EvidenceAgent;
  readonly putConcurrency: number;
}

const ENVELOPE_TYPE = 'application/vnd.dsse.envelope.v1+json';

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** The statement of `request` at `seq`/`prev`; throws InvalidEvidenceRequest naming the bad field. */
export function statementFor(ctx: { keys: EvidenceKeys; agent: EvidenceAgent }, site: SiteRef, request: EvidenceRequest, subjects: readonly Subject[], seq: number, prev: string): EvidenceStatement {
  try {
    return buildBundle({
      domain: ctx.keys.domain,
      kind: request.kind,
      tenant: site.clientId,
      site: site.siteId,
      seq,
      prev,
      runId: request.runId,
      startedAt: request.startedAt,
      finishedAt: request.finishedAt,
      agent: ctx.agent,
      controls: request.controls,
      heal: request.heal,
      approval: request.approval,
      history: request.history,
      report: request.report,
      subjects,
    });
  } catch (err) {
    if (err instanceof SchemaError) throw invalidStatement(request, err);
    throw err;
  }
}

/**
 * Writes one batch of one site's evidence as its log's single writer (reference/evidence.md §7.2):
 * under the site's row lock, assign seq/prev in order, sign, PUT every envelope with retention read
 * back, log each only once its object is confirmed, then checkpoint and anchor — one transaction.
 * A request key already logged (a retried activity) or repeated in the batch is answered, not re-logged.
 */
export async function appendBatch(ctx: BatchContext, site: SiteRef, items: readonly PreparedRequest[]): Promise<RecordedEvidence[]> {
  const { result } = await withSiteLog(ctx.db, ctx.store, ctx.keys, ctx.retention, site, async (session) => {
    const known = await session.alreadyLogged([...new Set(items.map((i) => i.request.requestKey))]);
    let { seq: nextSeq, prev: nextPrev } = session.next();
    const seen = new Set<string>();
    const signed = items.flatMap((item) => {
      const { request } = item;
      if (known.has(request.requestKey) || seen.has(request.requestKey)) return [];
      seen.add(request.requestKey);
      const seq = nextSeq;
      const bundle = signBundle(statementFor(ctx, site, request, item.subjects, seq, nextPrev), [ctx.keys.bundle]);
      nextSeq = seq + 1;
      nextPrev = bundle.digestHex;
      return [{ item, seq, bundle }];
    });
    const now = new Date();
    const stored: StoredEnvelope[] = await mapLimit(signed, ctx.putConcurrency, async ({ item, seq, bundle }) => {
      const object = await ctx.store.putLocked(keyLayout.envelope(site.clientId, site.siteId, seq, bundle.digestHex), bundle.bytes, retainUntil(now, ctx.retention), ENVELOPE_TYPE);
      const { request } = item;
      return { seq, digest: bundle.digest, bytes: bundle.bytes, object, requestKey: request.requestKey, kind: request.kind, finishedAt: request.finishedAt, artefacts: item.artefacts };
    });
    for (const entry of stored) await session.append(entry);
    const byKey = new Map(stored.map((s) => [s.requestKey, s]));
    return items.map(({ request }): RecordedEvidence => {
      const old = known.get(request.requestKey);
      if (old) return { requestKey: request.requestKey, siteId: site.siteId, seq: old.seq, digest: old.digestHex, objectKey: old.objectKey, versionId: old.versionId, duplicate: true };
      const s = byKey.get(request.requestKey)!;
      const first = signed.find((x) => x.item.request === request) !== undefined;
      return { requestKey: request.requestKey, siteId: site.siteId, seq: s.seq, digest: toHex(s.digest), objectKey: s.object.key, versionId: s.object.versionId, duplicate: !first };
    });
  });
  return result;
}
