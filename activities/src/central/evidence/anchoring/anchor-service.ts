import {
  checkpointBody, parseDetachedTimestamp, requestTimestamp, serializeDetachedTimestamp, stampWithCalendars, toHex, upgradeWithCalendars, utf8, verifyOtsProof,
} from '@custos/evidence';
import type { FetchLike } from '@custos/evidence';
import type { EvidenceService } from '../service/evidence-service.js';
import { checkpointAnchorLog } from '../log/anchor-log.js';
import type { AnchorCheckpoint } from '../log/anchor-log.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import { retainUntil } from '../store/retention.js';
import { fetchBlockHeader } from './header-source.js';

export interface AnchoringSettings {
  /** RFC 3161 TSA; undefined: tokens are skipped (OpenTimestamps still runs). */
  readonly tsaUrl?: string;
  readonly otsCalendars: readonly string[];
  readonly otsMinAttestations: number;
  /** Esplora base or `{height}` URL template (header-source.ts). */
  readonly headerSource: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

export type TimestampResult = { readonly state: 'skipped'; readonly reason: string } | { readonly state: 'stamped'; readonly size: number; readonly tsaTime: string };
export type SubmitResult = { readonly state: 'skipped'; readonly reason: string } | { readonly state: 'submitted'; readonly size: number; readonly calendars: number };
export type UpgradeResult =
  | { readonly state: 'pending'; readonly size: number; readonly submittedAt: string; readonly detail: readonly string[] }
  | { readonly state: 'confirmed'; readonly size: number; readonly height: number; readonly blockHash: string; readonly blockTime: string };

export class AnchorNotFound extends Error {
  override readonly name = 'AnchorNotFound';
}

/**
 * Anchors the global anchor log (reference/evidence.md §7.1): checkpoints it, gets an RFC 3161 token
 * for each new checkpoint, submits checkpoints to OpenTimestamps calendars (at least two must answer)
 * and upgrades pending proofs to Bitcoin attestations with the block header beside them.
 * Every stored anchor is verified against trust.json first: an auditor must be able to check it.
 */
export class AnchorService {
  constructor(
    private readonly service: EvidenceService,
    private readonly settings: AnchoringSettings,
  ) {}

  async checkpoint(): Promise<AnchorCheckpoint | undefined> {
    await this.service.trust();
    return checkpointAnchorLog(this.service.db, this.service.store, this.service.keys, this.service.retention);
  }

  private async row(size: number) {
    const row = await this.service.db.selectFrom('evidence_anchor_checkpoints').selectAll().where('size', '=', String(size)).executeTakeFirst();
    if (!row) throw new AnchorNotFound(`no anchor-log checkpoint of size ${size}`);
    return row;
  }

  async timestamp(size: number): Promise<TimestampResult> {
    const row = await this.row(size);
    if (row.tsa_time) return { state: 'stamped', size, tsaTime: row.tsa_time.toISOString() };
    if (!this.settings.tsaUrl) return { state: 'skipped', reason: 'no TSA configured (CUSTOS_TSA_URL)' };
    const { current } = await this.service.trust();
    if (current.tsaRoots.length === 0) return { state: 'skipped', reason: `trust.json version ${current.version} pins no TSA root, so a token could not be verified by auditors` };
    const stamped = await requestTimestamp(checkpointBody(row.note), {
      url: this.settings.tsaUrl,
      trustedRoots: current.tsaRoots.map((r) => r.certificate),
      ...(this.settings.timeoutMs ? { timeoutMs: this.settings.timeoutMs } : {}),
      ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}),
    });
    const now = new Date();
    const object = await this.service.store.putLocked(keyLayout.tsr(size), stamped.response, retainUntil(now, this.service.retention), 'application/timestamp-reply');
    await this.service.db
      .updateTable('evidence_anchor_checkpoints')
      .set({ tsr_object_key: object.key, tsr_version_id: object.versionId, tsa_time: stamped.verification.genTime })
      .where('size', '=', String(size))
      .execute();
    return { state: 'stamped', size, tsaTime: stamped.verification.genTime.toISOString() };
  }

  /** Submits checkpoint `size` unless another was submitted less than `minIntervalSeconds` ago. */
  async submit(size: number, minIntervalSeconds: number): Promise<SubmitResult> {
    const row = await this.row(size);
    if (row.ots_state) return { state: 'skipped', reason: `checkpoint ${size} was submitted at ${row.ots_submitted_at?.toISOString()}` };
    const latest = await this.service.db.selectFrom('evidence_anchor_checkpoints').select(({ fn }) => fn.max('ots_submitted_at').as('at')).executeTakeFirst();
    const last = latest?.at ? new Date(latest.at as unknown as string) : undefined;
    if (last && Date.now() - last.getTime() < minIntervalSeconds * 1000) {
      return { state: 'skipped', reason: `a checkpoint was submitted at ${last.toISOString()}, within ${minIntervalSeconds}s` };
    }
    const proof = await stampWithCalendars(checkpointBody(row.note), {
      calendars: this.settings.otsCalendars,
      minAttestations: this.settings.otsMinAttestations,
      ...(this.settings.timeoutMs ? { timeoutMs: this.settings.timeoutMs } : {}),
      ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}),
    });
    const now = new Date();
    const object = await this.service.store.putLocked(keyLayout.ots(size), serializeDetachedTimestamp(proof), retainUntil(now, this.service.retention), 'application/vnd.opentimestamps.v1');
    await this.service.db
      .updateTable('evidence_anchor_checkpoints')
      .set({ ots_object_key: object.key, ots_version_id: object.versionId, ots_state: 'pending', ots_submitted_at: now })
      .where('size', '=', String(size))
      .execute();
    return { state: 'submitted', size, calendars: this.settings.otsCalendars.length };
  }

  /**
   * Asks the calendars for the Bitcoin path of a pending proof, one calendar at a time. Each upgrade
   * is kept only if the proof then verifies against the block header it names (fetched, proof of work
   * no easier than trust.json allows): one calendar answering nonsense must neither block the others
   * nor put a proof into the bucket that auditors' verifiers would reject. Headers and the upgraded
   * proof (a new version of the same key) are stored once something verified.
   */
  async upgrade(size: number): Promise<UpgradeResult> {
    const row = await this.row(size);
    if (!row.ots_state || !row.ots_object_key || !row.ots_version_id || !row.ots_submitted_at) throw new AnchorNotFound(`checkpoint ${size} was never submitted to OpenTimestamps`);
    if (row.ots_state === 'confirmed') {
      return { state: 'confirmed', size, height: Number(row.btc_height), blockHash: row.btc_block_hash!, blockTime: row.btc_block_time!.toISOString() };
    }
    const stored = await this.service.store.get(row.ots_object_key, row.ots_version_id);
    if (!stored) throw new AnchorNotFound(`${row.ots_object_key} version ${row.ots_version_id} is missing from ${this.service.store.location}`);
    let proof = parseDetachedTimestamp(stored);
    const body = checkpointBody(row.note);
    const { current } = await this.service.trust();
    const maxTarget = parseInt(current.policy.bitcoinMaxTarget, 16);
    const headers = new Map<number, Uint8Array>();
    const detail: string[] = [];
    let upgraded = false;
    for (const calendar of this.settings.otsCalendars) {
      const candidate = parseDetachedTimestamp(serializeDetachedTimestamp(proof));
      const outcome = await upgradeWithCalendars(candidate, { calendars: [calendar], ...this.httpOptions() });
      detail.push(...outcome.stillPending, ...outcome.failures.filter((f) => !f.endsWith('not a configured calendar, not contacted')));
      if (!outcome.upgraded) continue;
      try {
        for (const height of new Set(verifyOtsProof(candidate, body, headers, maxTarget).missingHeaders)) {
          headers.set(height, await fetchBlockHeader(this.settings.headerSource, height, this.httpOptions()));
        }
        verifyOtsProof(candidate, body, headers, maxTarget);
        proof = candidate;
        upgraded = true;
      } catch (err) {
        detail.push(`${calendar}: upgrade rejected: ${(err as Error).message}`);
      }
    }
    const verified = verifyOtsProof(proof, body, headers, maxTarget);
    const best = [...verified.anchors].sort((a, b) => a.time - b.time)[0];
    if (!upgraded || !best) return { state: 'pending', size, submittedAt: row.ots_submitted_at.toISOString(), detail };
    const now = new Date();
    const until = retainUntil(now, this.service.retention);
    for (const anchor of verified.anchors) {
      await this.service.store.putLocked(keyLayout.btcHeader(anchor.height, anchor.blockHash), utf8(`${toHex(headers.get(anchor.height)!)}\n`), until, 'text/plain');
    }
    const object = await this.service.store.putLocked(keyLayout.ots(size), serializeDetachedTimestamp(proof), until, 'application/vnd.opentimestamps.v1');
    const blockTime = new Date(best.time * 1000);
    await this.service.db
      .updateTable('evidence_anchor_checkpoints')
      .set({ ots_version_id: object.versionId, ots_state: 'confirmed', ots_confirmed_at: now, btc_height: best.height, btc_block_hash: best.blockHash, btc_block_time: blockTime })
      .where('size', '=', String(size))
      .execute();
    return { state: 'confirmed', size, height: best.height, blockHash: best.blockHash, blockTime: blockTime.toISOString() };
  }

  private httpOptions(): { timeoutMs?: number; fetch?: FetchLike } {
    return { ...(this.settings.timeoutMs ? { timeoutMs: this.settings.timeoutMs } : {}), ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}) };
  }

  /** Records that a proof stayed unconfirmed too long (once per checkpoint); returns false if already raised. */
  async alertOverdue(size: number, message: string): Promise<boolean> {
    const inserted = await this.service.db
      .insertInto('evidence_alerts')
      .values({ kind: 'anchor-upgrade-overdue', subject: `anchor-checkpoint:${size}`, message })
      .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
      .returning('id')
      .executeTakeFirst();
    await this.service.db.updateTable('evidence_anchor_checkpoints').set({ ots_alerted_at: new Date() }).where('size', '=', String(size)).where('ots_alerted_at', 'is', null).execute();
    return inserted !== undefined;
  }
}
