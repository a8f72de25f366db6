import { createHash } from 'node:crypto';
import { buildBundle, SchemaError, signBundle, toHex } from '@custos/evidence';
import type { Kysely } from 'kysely';
import type { Database } from '@custos/db';
import { evidenceDb } from '../db/tables.js';
import type { ArtefactRef, EvidenceDb } from '../db/tables.js';
import type { EvidenceKeys } from '../keys/evidence-keys.js';
import { loadTrust } from '../keys/trust-registry.js';
import type { PublishedTrust, TrustSettings } from '../keys/trust-registry.js';
import { withSiteLog } from '../log/site-log-writer.js';
import type { SiteRef, StoredEnvelope } from '../log/site-log-writer.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import type { ObjectStore } from '../store/object-store.js';
import { retainUntil } from '../store/retention.js';
import type { RetentionPolicy } from '../store/retention.js';
import { invalidStatement, InvalidEvidenceRequest, subjectsOf } from './request.js';
import type { Artefact, EvidenceRequest } from './request.js';

export interface EvidenceAgent {
  readonly name: string;
  readonly version: string;
  /** `sha256:<hex>` of the build that produced the evidence. */
  readonly buildDigest: string;
}

export interface EvidenceServiceDeps {
  readonly db: Kysely<Database>;
  readonly store: ObjectStore;
  readonly keys: EvidenceKeys;
  readonly trust: TrustSettings;
  readonly retention: RetentionPolicy;
  readonly agent: EvidenceAgent;
  /** Parallel PUTs within one batch (default 8). */
  readonly putConcurrency?: number;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENVELOPE_TYPE = 'application/vnd.dsse.envelope.v1+json';

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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

/**
 * Build → sign → store under Object Lock → append to the site log, for a batch of evidence from one
 * site (reference/evidence.md §7.2). Nothing is logged that is not stored and retained first; a
 * failure anywhere leaves the log as it was, and the retry writes the same bytes again.
 */
export class EvidenceService {
  readonly db: EvidenceDb;
  private ready?: Promise<PublishedTrust>;

  constructor(private readonly deps: EvidenceServiceDeps) {
    this.db = evidenceDb(deps.db);
  }

  get store(): ObjectStore {
    return this.deps.store;
  }

  get keys(): EvidenceKeys {
    return this.deps.keys;
  }

  get retention(): RetentionPolicy {
    return this.deps.retention;
  }

  /** Refuses a bucket without Object Lock and keys missing from trust.json; cached once it succeeded. */
  trust(): Promise<PublishedTrust> {
    this.ready ??= (async () => {
      await this.deps.store.assertObjectLock();
      return loadTrust(this.db, this.deps.store, this.deps.keys, this.deps.trust, this.deps.retention);
    })();
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  async site(siteId: string): Promise<SiteRef> {
    const row = UUID.test(siteId)
      ? await this.db.selectFrom('sites').select(['id', 'partner_id', 'client_id']).where('id', '=', siteId).executeTakeFirst()
      : undefined;
    if (!row) throw new InvalidEvidenceRequest(`site ${JSON.stringify(siteId)} does not exist; evidence is recorded only for enrolled sites`);
    return { siteId: row.id, partnerId: row.partner_id, clientId: row.client_id };
  }

  record(request: EvidenceRequest): Promise<RecordedEvidence> {
    return this.recordBatch([request]).then((r) => r[0]!);
  }

  /** Records requests for one site as one batch: one lock, one checkpoint, one anchor-log entry. */
  async recordBatch(requests: readonly EvidenceRequest[]): Promise<RecordedEvidence[]> {
    if (requests.length === 0) return [];
    const siteId = requests[0]!.siteId;
    if (requests.some((r) => r.siteId !== siteId)) throw new InvalidEvidenceRequest('a batch must hold evidence of one site');
    if (new Set(requests.map((r) => r.requestKey)).size !== requests.length) throw new InvalidEvidenceRequest('a batch holds the same request key twice');
    const subjects = requests.map((r) => subjectsOf(r));
    await this.trust();
    const site = await this.site(siteId);
    const artefacts = await mapLimit(requests, 2, (r) => this.storeArtefacts(site, r.artefacts ?? []));
    const concurrency = this.deps.putConcurrency ?? 8;

    const { result } = await withSiteLog(this.db, this.deps.store, this.deps.keys, this.deps.retention, site, async (session) => {
      const known = await session.alreadyLogged(requests.map((r) => r.requestKey));
      // seq/prev run on from the log's state through the batch; append() re-checks each seq in order.
      let { seq: nextSeq, prev: nextPrev } = session.next();
      const signed = requests.flatMap((request, i) => {
        if (known.has(request.requestKey)) return [];
        const seq = nextSeq;
        const prev = nextPrev;
        let statement;
        try {
          statement = buildBundle({
            domain: this.deps.keys.domain,
            kind: request.kind,
            tenant: site.clientId,
            site: site.siteId,
            seq,
            prev,
            runId: request.runId,
            startedAt: request.startedAt,
            finishedAt: request.finishedAt,
            agent: this.deps.agent,
            controls: request.controls,
            heal: request.heal,
            approval: request.approval,
            history: request.history,
            report: request.report,
            subjects: subjects[i]!,
          });
        } catch (err) {
          if (err instanceof SchemaError) throw invalidStatement(request, err);
          throw err;
        }
        const bundle = signBundle(statement, [this.deps.keys.bundle]);
        nextSeq = seq + 1;
        nextPrev = bundle.digestHex;
        return [{ request, seq, bundle, artefacts: artefacts[i]! }];
      });
      const now = new Date();
      const stored: StoredEnvelope[] = await mapLimit(signed, concurrency, async ({ request, seq, bundle, artefacts: refs }) => {
        const key = keyLayout.envelope(site.clientId, site.siteId, seq, bundle.digestHex);
        const object = await this.deps.store.putLocked(key, bundle.bytes, retainUntil(now, this.deps.retention), ENVELOPE_TYPE);
        return { seq, digest: bundle.digest, bytes: bundle.bytes, object, requestKey: request.requestKey, kind: request.kind, finishedAt: request.finishedAt, artefacts: refs };
      });
      for (const entry of stored) await session.append(entry);
      return requests.map((request): RecordedEvidence => {
        const old = known.get(request.requestKey);
        if (old) return { requestKey: request.requestKey, siteId, seq: old.seq, digest: old.digestHex, objectKey: old.objectKey, versionId: old.versionId, duplicate: true };
        const s = stored.find((e) => e.requestKey === request.requestKey)!;
        return { requestKey: request.requestKey, siteId, seq: s.seq, digest: toHex(s.digest), objectKey: s.object.key, versionId: s.object.versionId, duplicate: false };
      });
    });
    return result;
  }

  /**
   * Stores artefacts before the bundle that names them. An artefact already present with the same
   * bytes (a retry) is reused; different bytes under the same name are refused, never overwritten.
   */
  private async storeArtefacts(site: SiteRef, artefacts: readonly Artefact[]): Promise<ArtefactRef[]> {
    return mapLimit(artefacts, 4, async (a) => {
      const key = keyLayout.artefact(site.clientId, site.siteId, a.name);
      const sha256 = createHash('sha256').update(a.bytes).digest('hex');
      const existing = await this.deps.store.stat(key);
      if (existing) {
        const md5 = createHash('md5').update(a.bytes).digest('hex');
        if (existing.etag !== md5 || existing.size !== a.bytes.length) {
          throw new InvalidEvidenceRequest(`artefact ${a.name} of site ${site.siteId} is already stored with different content; artefact names must be unique`);
        }
        const held = await this.deps.store.retention(key, existing.versionId);
        if (held?.mode === 'COMPLIANCE') return { name: a.name, sha256, objectKey: key, versionId: existing.versionId };
      }
      const object = await this.deps.store.putLocked(key, a.bytes, retainUntil(new Date(), this.deps.retention), a.contentType);
      return { name: a.name, sha256, objectKey: key, versionId: object.versionId };
    });
  }
}
