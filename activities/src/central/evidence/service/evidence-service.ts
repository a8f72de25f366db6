import { createHash } from 'node:crypto';
import { keyIdOf, keyValidAt, ZERO_DIGEST } from '@custos/evidence';
import type { Kysely } from 'kysely';
import type { Database } from '@custos/db';
import { evidenceDb } from '../db/tables.js';
import type { ArtefactRef, EvidenceDb } from '../db/tables.js';
import type { EvidenceKeys } from '../keys/evidence-keys.js';
import { loadTrust } from '../keys/trust-registry.js';
import type { PublishedTrust, TrustSettings } from '../keys/trust-registry.js';
import type { SiteRef } from '../log/site-log-writer.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import type { ObjectStore } from '../store/object-store.js';
import { retainUntil } from '../store/retention.js';
import type { RetentionPolicy } from '../store/retention.js';
import { InvalidEvidenceRequest, subjectsOf } from './request.js';
import type { Artefact, EvidenceRequest } from './request.js';
import { appendBatch, mapLimit, statementFor } from './append-batch.js';
import type { EvidenceAgent, PreparedRequest, RecordedEvidence } from './append-batch.js';
import { GroupCommit } from './group-commit.js';

export type { EvidenceAgent, RecordedEvidence } from './append-batch.js';

export interface EvidenceServiceDeps {
  readonly db: Kysely<Database>;
  readonly store: ObjectStore;
  readonly keys: EvidenceKeys;
  readonly trust: TrustSettings;
  readonly retention: RetentionPolicy;
  /** Who produces the evidence; required to record (not to export or read). */
  readonly agent?: EvidenceAgent;
  /** Parallel PUTs within one batch (default 16). */
  readonly putConcurrency?: number;
  /** Most bundles one site batch holds (default 256). */
  readonly maxBatch?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Build → sign → store under Object Lock → append to the site log, for a batch of evidence from one
 * site (reference/evidence.md §7.2). Nothing is logged that is not stored and retained first; a
 * failure anywhere leaves the log as it was, and the retry writes the same bytes again.
 */
export class EvidenceService {
  readonly db: EvidenceDb;
  private ready?: Promise<PublishedTrust>;

  private readonly batches: GroupCommit<PreparedRequest, RecordedEvidence>;

  constructor(private readonly deps: EvidenceServiceDeps) {
    this.db = evidenceDb(deps.db);
    this.batches = new GroupCommit(async (siteId, items) => {
      const site = await this.site(siteId);
      const ctx = { db: this.db, store: deps.store, keys: deps.keys, retention: deps.retention, agent: deps.agent!, putConcurrency: deps.putConcurrency ?? 16 };
      return appendBatch(ctx, site, items);
    }, deps.maxBatch ?? 256);
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

  /** Sites never move between clients or partners, so a site's ids are looked up once. */
  private readonly sites = new Map<string, SiteRef>();

  async site(siteId: string): Promise<SiteRef> {
    const known = this.sites.get(siteId);
    if (known) return known;
    const row = UUID.test(siteId)
      ? await this.db.selectFrom('sites').select(['id', 'partner_id', 'client_id']).where('id', '=', siteId).executeTakeFirst()
      : undefined;
    if (!row) throw new InvalidEvidenceRequest(`site ${JSON.stringify(siteId)} does not exist; evidence is recorded only for enrolled sites`);
    const ref = { siteId: row.id, partnerId: row.partner_id, clientId: row.client_id };
    this.sites.set(siteId, ref);
    return ref;
  }

  /**
   * Records one bundle. Concurrent calls for the same site in this process are written together
   * (group commit); across processes the site's row lock keeps one writer at a time.
   */
  async record(request: EvidenceRequest): Promise<RecordedEvidence> {
    const prepared = await this.prepare(request);
    return this.batches.submit(request.siteId, prepared);
  }

  /** Records several bundles (any sites); each goes through the same per-site batches. */
  recordBatch(requests: readonly EvidenceRequest[]): Promise<RecordedEvidence[]> {
    return Promise.all(requests.map((r) => this.record(r)));
  }

  /**
   * Everything that can fail for one request alone happens here, before it joins a batch: its shape,
   * the key window, the statement schema (a dry run at seq 0), the site, and storing its artefacts.
   */
  private async prepare(request: EvidenceRequest): Promise<PreparedRequest> {
    const subjects = subjectsOf(request);
    const agent = this.deps.agent;
    if (!agent) throw new Error('this evidence service has no agent configured and cannot record evidence');
    const { current } = await this.trust();
    // Evidence finished outside the bundle key's window in trust.json could never verify: refuse it.
    const bundleKey = current.keys.find((k) => k.role === 'bundle' && k.id === keyIdOf(this.deps.keys.bundle.publicKey))!;
    if (!keyValidAt(bundleKey, request.finishedAt)) {
      throw new InvalidEvidenceRequest(
        `evidence request ${JSON.stringify(request.requestKey)}: finishedAt ${request.finishedAt} is outside the bundle key's validity [${bundleKey.validFrom}, ${bundleKey.validTo ?? 'open'}) in trust.json version ${current.version}`,
      );
    }
    const site = await this.site(request.siteId);
    statementFor({ keys: this.deps.keys, agent }, site, request, subjects, 0, ZERO_DIGEST);
    return { request, subjects, artefacts: await this.storeArtefacts(site, request.artefacts ?? []) };
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
