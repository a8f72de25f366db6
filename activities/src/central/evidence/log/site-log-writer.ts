import { createHash } from 'node:crypto';
import { formatCheckpoint, sha256, signNote, SiteLog, siteLogOrigin, toHex, utf8, ZERO_DIGEST } from '@custos/evidence';
import type { EvidenceKind } from '@custos/evidence';
import type { Transaction } from 'kysely';
import type { ArtefactRef, EvidenceDatabase, EvidenceDb } from '../db/tables.js';
import type { EvidenceKeys } from '../keys/evidence-keys.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import { ObjectMissing } from '../store/object-store.js';
import type { LockedObject, ObjectStore } from '../store/object-store.js';
import { retainUntil } from '../store/retention.js';
import type { RetentionPolicy } from '../store/retention.js';
import { appendToAnchorLog } from './anchor-log.js';

export interface SiteRef {
  readonly siteId: string;
  readonly partnerId: string;
  /** The tenant in evidence: bundles, log origins and kits are per client. */
  readonly clientId: string;
}

/** An envelope already in the bucket, ready to be logged at `seq`. */
export interface StoredEnvelope {
  readonly seq: number;
  readonly digest: Uint8Array;
  /** The exact stored bytes, to check the object against. */
  readonly bytes: Uint8Array;
  readonly object: LockedObject;
  readonly requestKey: string;
  readonly kind: EvidenceKind;
  readonly finishedAt: string;
  readonly artefacts: readonly ArtefactRef[];
}

export interface SiteCheckpoint {
  readonly size: number;
  readonly note: string;
}

type Trx = Transaction<EvidenceDatabase>;

/**
 * The one writer of a site's log while the row lock is held: it hands out seq/prev, checks that every
 * envelope it is asked to log really is in the bucket, and keeps the Merkle frontier.
 */
export class SiteLogSession {
  private readonly log: SiteLog;
  private readonly appended: StoredEnvelope[] = [];

  constructor(
    private readonly trx: Trx,
    private readonly store: ObjectStore,
    readonly site: SiteRef,
    state: { origin: string; size: number; peaks: string[]; last: string },
  ) {
    this.log = SiteLog.resume(state);
  }

  /** Request keys among `keys` that this site's log already holds (a retried request). */
  async alreadyLogged(keys: readonly string[]): Promise<Map<string, { seq: number; digestHex: string; objectKey: string; versionId: string | null }>> {
    if (keys.length === 0) return new Map();
    const rows = await this.trx
      .selectFrom('evidence_index')
      .select(['request_key', 'log_index', 'bundle_sha256', 'object_key', 'version_id'])
      .where('site_id', '=', this.site.siteId)
      .where('request_key', 'in', [...keys])
      .execute();
    return new Map(rows.map((r) => [r.request_key!, { seq: Number(r.log_index), digestHex: r.bundle_sha256, objectKey: r.object_key, versionId: r.version_id }]));
  }

  /** Seq and prev for the next bundle (after those appended in this session). */
  next(): { seq: number; prev: string } {
    return this.log.next();
  }

  /**
   * Logs an envelope that is already stored. Refuses (ObjectMissing) unless the bucket holds exactly
   * those bytes at that version: the log must never reference evidence that is not there.
   */
  async append(entry: StoredEnvelope): Promise<void> {
    const info = await this.store.stat(entry.object.key, entry.object.versionId);
    if (!info) throw new ObjectMissing(`${this.store.location}: ${entry.object.key} version ${entry.object.versionId} is not in the bucket; refusing to log seq ${entry.seq}`);
    const md5 = createHash('md5').update(entry.bytes).digest('hex');
    if (info.size !== entry.bytes.length || info.etag !== md5) {
      throw new ObjectMissing(`${this.store.location}: ${entry.object.key} version ${entry.object.versionId} holds ${info.size} bytes (ETag ${info.etag}), not the envelope for seq ${entry.seq}`);
    }
    if (toHex(sha256(entry.bytes)) !== toHex(entry.digest)) throw new Error(`envelope digest for seq ${entry.seq} does not match its bytes`);
    this.log.append(entry.seq, entry.digest);
    this.appended.push(entry);
  }

  get appendedCount(): number {
    return this.appended.length;
  }

  /** Writes index rows and the new state, signs and stores the checkpoint, and anchors its hash. */
  async finish(keys: EvidenceKeys, retention: RetentionPolicy): Promise<SiteCheckpoint | undefined> {
    if (this.appended.length === 0) return undefined;
    const { site } = this;
    await this.trx
      .insertInto('evidence_index')
      .values(
        this.appended.map((e) => ({
          partner_id: site.partnerId,
          client_id: site.clientId,
          site_id: site.siteId,
          kind: e.kind,
          bundle_sha256: toHex(e.digest),
          object_key: e.object.key,
          version_id: e.object.versionId,
          log_index: String(e.seq),
          request_key: e.requestKey,
          finished_at: new Date(e.finishedAt),
          artefacts: JSON.stringify(e.artefacts),
        })),
      )
      .execute();
    const state = this.log.state();
    const body = formatCheckpoint({ origin: state.origin, size: state.size, root: this.log.root(), extensions: [] });
    const note = signNote(body, [keys.log]);
    const now = new Date();
    const object = await this.store.putLocked(keyLayout.siteCheckpoint(site.clientId, site.siteId, state.size), utf8(note), retainUntil(now, retention), 'text/plain; charset=utf-8');
    const bodySha256 = toHex(sha256(utf8(body)));
    await this.trx
      .insertInto('evidence_checkpoints')
      .values({ site_id: site.siteId, size: state.size, note, body_sha256: bodySha256, object_key: object.key, version_id: object.versionId, signed_at: now })
      .execute();
    await this.trx
      .updateTable('evidence_site_logs')
      .set({ size: state.size, peaks: JSON.stringify(state.peaks), last_digest: state.last, checkpointed_size: state.size, updated_at: now })
      .where('site_id', '=', site.siteId)
      .execute();
    await appendToAnchorLog(this.trx, keys.domain, { bodySha256, siteId: site.siteId, checkpointSize: state.size });
    return { size: state.size, note };
  }
}

/**
 * Runs `work` as the single writer of the site's log: `SELECT … FOR UPDATE` on the site's log row
 * serialises every writer on every worker, so two appends can never get the same seq (the original
 * platform's hash chain forked exactly there). Everything `work` logs, the checkpoint over it and the
 * anchor-log entry commit together or not at all; objects already written to the bucket by a failed
 * attempt stay unreferenced and are rewritten byte for byte by the retry.
 */
export async function withSiteLog<T>(
  db: EvidenceDb,
  store: ObjectStore,
  keys: EvidenceKeys,
  retention: RetentionPolicy,
  site: SiteRef,
  work: (session: SiteLogSession) => Promise<T>,
): Promise<{ result: T; checkpoint: SiteCheckpoint | undefined }> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('evidence_site_logs')
      .values({
        site_id: site.siteId,
        partner_id: site.partnerId,
        client_id: site.clientId,
        origin: siteLogOrigin(keys.domain, site.clientId, site.siteId),
        size: 0,
        peaks: '[]',
        last_digest: ZERO_DIGEST,
      })
      .onConflict((oc) => oc.column('site_id').doNothing())
      .execute();
    const row = await trx.selectFrom('evidence_site_logs').selectAll().where('site_id', '=', site.siteId).forUpdate().executeTakeFirstOrThrow();
    const session = new SiteLogSession(trx, store, site, { origin: row.origin, size: Number(row.size), peaks: row.peaks, last: row.last_digest });
    const result = await work(session);
    const checkpoint = await session.finish(keys, retention);
    return { result, checkpoint };
  });
}
