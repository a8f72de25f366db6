import { parseCheckpoint, toHex, verifyNote } from '@custos/evidence';
import type { TrustDocument } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import type { Anchor, SiteLogManifest } from '@custos/core';
import type { EvidenceDb } from '../../evidence/db/tables.js';
import { UnverifiedEvidence } from '../../evidence/read/verified-bundles.js';

/**
 * The evidence manifest of one site log for a period: how many bundles finished in it, the first
 * signed checkpoint that covers every bundle finished by the period's end (so later appends never
 * change what a packet says), that checkpoint's root, and the anchors of the first anchor-log
 * checkpoints covering it — its RFC 3161 time and its Bitcoin block (or "pending"). The checkpoint
 * note's signature is verified against the log keys in trust.json before its root is shown.
 */
export async function siteLogManifest(db: EvidenceDb, trust: TrustDocument, siteId: string, period: { from: Date; to: Date }): Promise<SiteLogManifest> {
  const counts = await db
    .selectFrom('evidence_index')
    .select((eb) => [
      eb.fn.max('log_index').as('lastSeq'),
      eb.fn.countAll<string>().filterWhere('finished_at', '>=', period.from).as('inPeriod'),
    ])
    .where('site_id', '=', siteId)
    .where('log_index', 'is not', null)
    .where('finished_at', '<', period.to)
    .executeTakeFirstOrThrow();
  const bundlesThisPeriod = Number(counts.inPeriod);
  if (counts.lastSeq === null) return { siteId, entries: 0, bundlesThisPeriod, anchors: [] };
  const lastSeq = Number(counts.lastSeq);

  const checkpoint = await db
    .selectFrom('evidence_checkpoints')
    .select(['size', 'note', 'signed_at'])
    .where('site_id', '=', siteId)
    .where('size', '>', String(lastSeq))
    .orderBy('size')
    .limit(1)
    .executeTakeFirst();
  if (!checkpoint) return { siteId, entries: lastSeq + 1, bundlesThisPeriod, anchors: [] };

  const logKeys = trust.keys.filter((k) => k.role === 'log' && k.noteName).map((k) => ({ name: k.noteName!, publicKey: k.publicKey }));
  let root: string;
  try {
    const { text } = await verifyNote(checkpoint.note, logKeys, nodeVerifier());
    root = toHex(parseCheckpoint(text).root);
  } catch (err) {
    throw new UnverifiedEvidence(`checkpoint ${checkpoint.size} of site ${siteId} does not verify: ${(err as Error).message}`);
  }
  return {
    siteId,
    entries: Number(checkpoint.size),
    bundlesThisPeriod,
    latestCheckpoint: { size: Number(checkpoint.size), rootHash: root, at: checkpoint.signed_at.toISOString() },
    anchors: await anchorsOf(db, siteId, Number(checkpoint.size)),
  };
}

async function anchorsOf(db: EvidenceDb, siteId: string, checkpointSize: number): Promise<Anchor[]> {
  const entry = await db
    .selectFrom('evidence_anchor_entries')
    .select('log_index')
    .where('site_id', '=', siteId)
    .where('checkpoint_size', '=', String(checkpointSize))
    .executeTakeFirst();
  if (!entry) return [];
  const covering = db.selectFrom('evidence_anchor_checkpoints').where('size', '>', entry.log_index).orderBy('size').limit(1);
  const tsa = await covering.select(['size', 'tsa_time']).where('tsa_time', 'is not', null).executeTakeFirst();
  const confirmed = await covering.select(['size', 'btc_height', 'btc_block_time']).where('btc_height', 'is not', null).executeTakeFirst();
  const pending = confirmed ? undefined : await covering.select(['size']).where('ots_state', '=', 'pending').executeTakeFirst();
  const anchors: Anchor[] = [];
  if (tsa) anchors.push({ checkpointSize: Number(tsa.size), kind: 'rfc3161', time: tsa.tsa_time!.toISOString(), status: 'confirmed' });
  if (confirmed) {
    anchors.push({
      checkpointSize: Number(confirmed.size),
      kind: 'bitcoin',
      blockHeight: Number(confirmed.btc_height),
      ...(confirmed.btc_block_time ? { time: confirmed.btc_block_time.toISOString() } : {}),
      status: 'confirmed',
    });
  } else if (pending) {
    anchors.push({ checkpointSize: Number(pending.size), kind: 'bitcoin', status: 'pending' });
  }
  return anchors;
}
