import { sql } from 'kysely';
import { inScope, type Scope } from '@custos/db';
import { database } from '../db.js';

// The evidence service's own tables (evidence_checkpoints, evidence_anchor_*, evidence_trust) are
// not in @custos/db's schema types; they are read here with SQL. Every read is for a site the
// caller has already been shown by the API (or an evidence_index row found with inScope).

export interface LogEntryRow {
  id: string;
  kind: string;
  logIndex: number | null;
  bundleSha256: string;
  createdAt: string;
  finishedAt: string | null;
  requestKey: string | null;
}

export interface CheckpointRow {
  size: number;
  signedAt: string;
  bodySha256: string;
  anchor: { anchorSize: number; tsaTime: string | null; ots: 'pending' | 'confirmed' | null; btcHeight: number | null; btcTime: string | null } | null;
}

interface IndexRow {
  id: string;
  kind: string;
  log_index: string | null;
  bundle_sha256: string;
  object_key: string;
  version_id: string | null;
  created_at: Date;
  finished_at: Date | null;
  request_key: string | null;
  site_id: string;
  client_id: string;
}

const entry = (r: IndexRow): LogEntryRow => ({
  id: r.id,
  kind: r.kind,
  logIndex: r.log_index === null ? null : Number(r.log_index),
  bundleSha256: r.bundle_sha256,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  requestKey: r.request_key,
});

export async function siteLogEntries(scope: Scope, siteId: string, f: { kind?: string; page: number; pageSize: number }): Promise<{ rows: LogEntryRow[]; total: number }> {
  let q = database().selectFrom('evidence_index').where('site_id', '=', siteId).where(inScope(scope, 'evidence_index'));
  if (f.kind) q = q.where('kind', '=', f.kind as never);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy(sql`log_index desc nulls last`).orderBy('created_at', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: (rows as unknown as IndexRow[]).map(entry), total: count.n };
}

/** One bundle's index row, in scope, with what it takes to read it from the bucket. */
export async function evidenceRow(scope: Scope, id: string): Promise<(LogEntryRow & { siteId: string; clientId: string; objectKey: string; versionId: string | null }) | undefined> {
  const r = (await database().selectFrom('evidence_index').selectAll().where('id', '=', id).where(inScope(scope, 'evidence_index')).executeTakeFirst()) as unknown as IndexRow | undefined;
  return r ? { ...entry(r), siteId: r.site_id, clientId: r.client_id, objectKey: r.object_key, versionId: r.version_id } : undefined;
}

interface AnchorCheckpoint {
  size: string;
  note: string;
  tsa_time: Date | null;
  tsr_object_key: string | null;
  tsr_version_id: string | null;
  ots_state: 'pending' | 'confirmed' | null;
  btc_height: string | null;
  btc_block_time: Date | null;
}

/** The site's signed checkpoints, newest first, each with the anchor that time-stamps it (if any yet). */
export async function siteCheckpoints(siteId: string, limit = 200): Promise<CheckpointRow[]> {
  const db = database();
  const { rows } = await sql<{ size: string; signed_at: Date; body_sha256: string; anchor_index: string | null }>`
    select c.size, c.signed_at, c.body_sha256, e.log_index as anchor_index
    from evidence_checkpoints c
    left join evidence_anchor_entries e on e.site_id = c.site_id and e.checkpoint_size = c.size
    where c.site_id = ${siteId}
    order by c.size desc
    limit ${limit}`.execute(db);
  const indexes = rows.map((r) => r.anchor_index).filter((i): i is string => i !== null).map(Number);
  const anchors = indexes.length
    ? (await sql<AnchorCheckpoint>`select size, note, tsa_time, tsr_object_key, tsr_version_id, ots_state, btc_height, btc_block_time from evidence_anchor_checkpoints where size > ${Math.min(...indexes)} order by size`.execute(db)).rows
    : [];
  return rows.map((r) => {
    const index = r.anchor_index === null ? null : Number(r.anchor_index);
    const a = index === null ? undefined : (anchors.find((x) => Number(x.size) > index && (x.tsa_time || x.ots_state)) ?? anchors.find((x) => Number(x.size) > index));
    return {
      size: Number(r.size),
      signedAt: r.signed_at.toISOString(),
      bodySha256: r.body_sha256,
      anchor: a
        ? { anchorSize: Number(a.size), tsaTime: a.tsa_time?.toISOString() ?? null, ots: a.ots_state, btcHeight: a.btc_height === null ? null : Number(a.btc_height), btcTime: a.btc_block_time?.toISOString() ?? null }
        : null,
    };
  });
}

/** The published trust chain (trust/1.json …) as stored, oldest first. */
export async function trustEnvelopes(): Promise<unknown[]> {
  const { rows } = await sql<{ envelope: unknown }>`select envelope from evidence_trust order by version`.execute(database());
  return rows.map((r) => r.envelope);
}

/** The first checkpoint of a site that covers entry `seq` (size > seq). */
export async function coveringCheckpoint(siteId: string, seq: number): Promise<{ size: number; note: string; bodySha256: string } | undefined> {
  const { rows } = await sql<{ size: string; note: string; body_sha256: string }>`
    select size, note, body_sha256 from evidence_checkpoints where site_id = ${siteId} and size > ${seq} order by size limit 1`.execute(database());
  const r = rows[0];
  return r ? { size: Number(r.size), note: r.note, bodySha256: r.body_sha256 } : undefined;
}

/** Envelope digests of entries 0..size-1 of a site log, in order (for the inclusion proof). */
export async function logDigests(siteId: string, size: number): Promise<string[]> {
  const rows = await database()
    .selectFrom('evidence_index')
    .select(['log_index', 'bundle_sha256'])
    .where('site_id', '=', siteId)
    .where(sql<boolean>`log_index < ${size}`)
    .orderBy('log_index')
    .execute();
  if (rows.length !== size || rows.some((r, i) => Number(r.log_index) !== i)) throw new Error(`site ${siteId}: the evidence index does not hold entries 0..${size - 1} contiguously`);
  return rows.map((r) => r.bundle_sha256);
}

/** Where a site checkpoint sits in the anchor log, and the anchor-log checkpoint (with TSA token key) that covers it. */
export async function anchorFor(siteId: string, checkpointSize: number): Promise<
  | { index: number; anchor: { size: number; note: string; tsrObjectKey: string | null; tsrVersionId: string | null; otsState: string | null }; entries: string[] }
  | undefined
> {
  const db = database();
  const entry = (await sql<{ log_index: string }>`select log_index from evidence_anchor_entries where site_id = ${siteId} and checkpoint_size = ${checkpointSize}`.execute(db)).rows[0];
  if (!entry) return undefined;
  const index = Number(entry.log_index);
  const a = (await sql<AnchorCheckpoint>`select size, note, tsa_time, tsr_object_key, tsr_version_id, ots_state, btc_height, btc_block_time from evidence_anchor_checkpoints where size > ${index} order by (tsa_time is null), size limit 1`.execute(db)).rows[0];
  if (!a) return undefined;
  const size = Number(a.size);
  // Anchor-log entries are hashes of checkpoint bodies: no tenant data crosses over.
  const entries = (await sql<{ body_sha256: string }>`select body_sha256 from evidence_anchor_entries where log_index < ${size} order by log_index`.execute(db)).rows.map((r) => r.body_sha256);
  return { index, anchor: { size, note: a.note, tsrObjectKey: a.tsr_object_key, tsrVersionId: a.tsr_version_id, otsState: a.ots_state }, entries };
}
