import { anchorLogOrigin, formatCheckpoint, fromHex, leafHash, MerkleFrontier, sha256, signNote, toHex, utf8 } from '@custos/evidence';
import type { Transaction } from 'kysely';
import type { EvidenceDatabase, EvidenceDb } from '../db/tables.js';
import type { EvidenceKeys } from '../keys/evidence-keys.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import type { ObjectStore } from '../store/object-store.js';
import { retainUntil } from '../store/retention.js';
import type { RetentionPolicy } from '../store/retention.js';

// The global anchor log (reference/evidence.md §7.1): one entry per site checkpoint, the SHA-256 of
// its body, so anchoring one anchor-log checkpoint in a TSA token or in Bitcoin anchors every site
// checkpoint before it without revealing any tenant data.

type Trx = Transaction<EvidenceDatabase>;

/**
 * Appends SHA-256(site checkpoint body) to the anchor log, inside the caller's transaction (the one
 * that wrote the site checkpoint). The row lock taken here is held only until that commit.
 */
export async function appendToAnchorLog(trx: Trx, domain: string, entry: { bodySha256: string; siteId: string; checkpointSize: number }): Promise<number> {
  await trx
    .insertInto('evidence_anchor_log')
    .values({ id: 1, origin: anchorLogOrigin(domain), size: 0, peaks: '[]' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const state = await trx.selectFrom('evidence_anchor_log').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const frontier = MerkleFrontier.restore(Number(state.size), state.peaks.map(fromHex));
  const index = frontier.size;
  frontier.appendLeafHash(leafHash(fromHex(entry.bodySha256)));
  await trx
    .insertInto('evidence_anchor_entries')
    .values({ log_index: index, body_sha256: entry.bodySha256, site_id: entry.siteId, checkpoint_size: entry.checkpointSize })
    .execute();
  const { size, peaks } = frontier.toJSON();
  await trx.updateTable('evidence_anchor_log').set({ size, peaks: JSON.stringify(peaks), updated_at: new Date() }).where('id', '=', 1).execute();
  return index;
}

export interface AnchorCheckpoint {
  readonly size: number;
  readonly note: string;
  readonly bodySha256: string;
  /** False when a checkpoint of this size already existed (nothing new to anchor). */
  readonly created: boolean;
}

/**
 * Signs a checkpoint of the anchor log at its current size and stores it. Needs no lock: it reads one
 * committed state, and two passes that see the same size produce the same note (Ed25519 signatures
 * are deterministic), so the primary key simply keeps the first.
 */
export async function checkpointAnchorLog(db: EvidenceDb, store: ObjectStore, keys: EvidenceKeys, retention: RetentionPolicy): Promise<AnchorCheckpoint | undefined> {
  const state = await db.selectFrom('evidence_anchor_log').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!state || Number(state.size) === 0) return undefined;
  const size = Number(state.size);
  const existing = await db.selectFrom('evidence_anchor_checkpoints').select(['note', 'body_sha256']).where('size', '=', String(size)).executeTakeFirst();
  if (existing) return { size, note: existing.note, bodySha256: existing.body_sha256, created: false };
  const root = MerkleFrontier.restore(size, state.peaks.map(fromHex)).root();
  const body = formatCheckpoint({ origin: state.origin, size, root, extensions: [] });
  const note = signNote(body, [keys.log]);
  const objectKey = keyLayout.anchorCheckpoint(size);
  const now = new Date();
  await store.putLocked(objectKey, utf8(note), retainUntil(now, retention), 'text/plain; charset=utf-8');
  const bodySha256 = toHex(sha256(utf8(body)));
  const inserted = await db
    .insertInto('evidence_anchor_checkpoints')
    .values({ size, note, body_sha256: bodySha256, object_key: objectKey, signed_at: now })
    .onConflict((oc) => oc.column('size').doNothing())
    .returning('size')
    .executeTakeFirst();
  return { size, note, bodySha256, created: inserted !== undefined };
}
