import { attestationsOf, bytesEqual, envelopeBytes, fromHex, fromUtf8, parseDetachedTimestamp, sha256, toHex } from '@custos/evidence';
import type { AnchorExport, KitInput, SiteExport } from '@custos/evidence';
import type { ArtefactRef } from '../db/tables.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import type { EvidenceService } from '../service/evidence-service.js';
import { publishedTrust } from '../keys/trust-registry.js';

/** The live system disagrees with itself (an object missing or not what the index says): no kit. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface KitSelection {
  readonly clientId: string;
  readonly from: Date;
  readonly to: Date;
}

export type ExportProgress = (phase: string, done: number, total: number) => void;

/**
 * Reads what an auditor kit (lib/evidence/KIT.md) for one client and period holds, from the database
 * index and the bucket, reading every object by the version the index recorded and checking its
 * digest. Each site's log is exported from seq 0 up to the checkpoint that covers the period's end:
 * an auditor can only prove a log unbroken from its start. Checkpoints signed in the period, the
 * final one, and the anchors that time-stamp them come along; no other client's data does (the
 * anchor log holds hashes only).
 */
export async function collectKitInput(service: EvidenceService, selection: KitSelection, options: { createdAt: Date; onProgress?: ExportProgress }): Promise<Omit<KitInput, 'exportSigners'>> {
  const progress = options.onProgress ?? (() => undefined);
  const db = service.db;
  const { chain } = await publishedTrust(db);
  const store = service.store;

  const read = async (key: string, versionId: string | null | undefined, what: string, sha?: string): Promise<Uint8Array> => {
    const bytes = await store.get(key, versionId ?? undefined);
    if (!bytes) throw new ExportError(`${what}: ${key}${versionId ? ` version ${versionId}` : ''} is missing from ${store.location}`);
    if (sha && toHex(sha256(bytes)) !== sha) throw new ExportError(`${what}: ${key} does not hash to ${sha.slice(0, 16)}… as the index records (changed or corrupted)`);
    return bytes;
  };

  for (const [i, envelope] of chain.entries()) {
    const stored = await read(keyLayout.trust(i + 1), undefined, `trust.json version ${i + 1}`);
    if (!bytesEqual(stored, envelopeBytes(envelope))) throw new ExportError(`trust.json version ${i + 1} in ${store.location} differs from the published one in the database`);
  }

  const logs = await db.selectFrom('evidence_site_logs').selectAll().where('client_id', '=', selection.clientId).orderBy('site_id').execute();
  const sites: SiteExport[] = [];
  const siteCheckpoints: { siteId: string; size: number }[] = [];
  for (const log of logs) {
    const last = await db
      .selectFrom('evidence_index')
      .select(({ fn }) => fn.max('log_index').as('max'))
      .where('site_id', '=', log.site_id)
      .where('created_at', '<=', selection.to)
      .executeTakeFirst();
    if (last?.max === null || last?.max === undefined) continue;
    const entries = Number(last.max) + 1;
    const checkpoints = await db.selectFrom('evidence_checkpoints').select(['size', 'note', 'signed_at']).where('site_id', '=', log.site_id).orderBy('size').execute();
    const closing = checkpoints.find((c) => Number(c.size) >= entries);
    if (!closing) throw new ExportError(`site ${log.site_id}: no signed checkpoint covers its first ${entries} entries`);
    const size = Number(closing.size);
    const included = checkpoints.filter((c) => Number(c.size) === size || (Number(c.size) < size && c.signed_at >= selection.from && c.signed_at <= selection.to));

    const rows = await db
      .selectFrom('evidence_index')
      .select(['log_index', 'bundle_sha256', 'object_key', 'version_id', 'artefacts'])
      .where('site_id', '=', log.site_id)
      .where('log_index', '<', String(size))
      .orderBy('log_index')
      .execute();
    if (rows.length !== size || rows.some((r, i) => Number(r.log_index) !== i)) throw new ExportError(`site ${log.site_id}: the index does not hold entries 0..${size - 1} contiguously`);
    const envelopes: Uint8Array[] = [];
    const artefacts = new Map<string, Uint8Array>();
    for (const [i, row] of rows.entries()) {
      if (i % 64 === 0) progress(`site ${log.site_id}`, i, rows.length);
      envelopes.push(await read(row.object_key, row.version_id, `bundle ${i} of site ${log.site_id}`, row.bundle_sha256));
      for (const a of row.artefacts as ArtefactRef[]) {
        if (!artefacts.has(a.name)) artefacts.set(a.name, await read(a.objectKey, a.versionId, `artefact ${a.name} of bundle ${i}`, a.sha256));
      }
    }
    progress(`site ${log.site_id}`, rows.length, rows.length);
    sites.push({ tenant: log.client_id, site: log.site_id, envelopes, checkpoints: included.map((c) => c.note), artefacts });
    for (const c of included) siteCheckpoints.push({ siteId: log.site_id, size: Number(c.size) });
  }

  return { domain: service.keys.domain, createdAt: options.createdAt.toISOString(), trust: chain, sites, anchors: await collectAnchors(service, siteCheckpoints, read) };
}

async function collectAnchors(
  service: EvidenceService,
  siteCheckpoints: readonly { siteId: string; size: number }[],
  read: (key: string, versionId: string | null | undefined, what: string, sha?: string) => Promise<Uint8Array>,
): Promise<AnchorExport | undefined> {
  const db = service.db;
  if (siteCheckpoints.length === 0) return undefined;
  const indexes: number[] = [];
  for (const c of siteCheckpoints) {
    const entry = await db.selectFrom('evidence_anchor_entries').select('log_index').where('site_id', '=', c.siteId).where('checkpoint_size', '=', String(c.size)).executeTakeFirst();
    if (entry) indexes.push(Number(entry.log_index));
  }
  const anchored = await db.selectFrom('evidence_anchor_checkpoints').selectAll().orderBy('size').execute();
  // For each site checkpoint: the first anchor checkpoint after it with a TSA token, and the first
  // with an OpenTimestamps proof (confirmed if any is). Those give the tightest time bounds.
  const chosen = new Map<number, (typeof anchored)[number]>();
  for (const index of indexes) {
    const later = anchored.filter((a) => Number(a.size) > index);
    const tsr = later.find((a) => a.tsa_time);
    const ots = later.find((a) => a.ots_state === 'confirmed') ?? later.find((a) => a.ots_state === 'pending');
    for (const a of [tsr, ots, later[0]]) if (a) chosen.set(Number(a.size), a);
  }
  if (chosen.size === 0) return undefined;
  const top = Math.max(...chosen.keys());
  const entries = await db.selectFrom('evidence_anchor_entries').select(['log_index', 'body_sha256']).where('log_index', '<', String(top)).orderBy('log_index').execute();
  if (entries.length !== top) throw new ExportError(`the anchor log index does not hold entries 0..${top - 1}`);
  const tsr = new Map<number, Uint8Array>();
  const ots = new Map<number, Uint8Array>();
  const headers = new Map<number, Uint8Array>();
  for (const [size, a] of chosen) {
    if (a.tsr_object_key) tsr.set(size, await read(a.tsr_object_key, a.tsr_version_id, `TSA token of anchor checkpoint ${size}`));
    if (!a.ots_object_key) continue;
    const proofBytes = await read(a.ots_object_key, a.ots_version_id, `OpenTimestamps proof of anchor checkpoint ${size}`);
    ots.set(size, proofBytes);
    // Every Bitcoin block the proof attests to needs its header in the kit (the upgrade stored them).
    const proof = parseDetachedTimestamp(proofBytes);
    for (const { attestation } of attestationsOf(proof.timestamp, proof.digest)) {
      if (attestation.kind !== 'bitcoin' || headers.has(attestation.height)) continue;
      const [key] = await service.store.list(`anchors/btc-headers/${attestation.height}-`);
      if (!key) throw new ExportError(`the OpenTimestamps proof of anchor checkpoint ${size} attests block ${attestation.height}, whose header is not in ${service.store.location}`);
      headers.set(attestation.height, fromHex(fromUtf8(await read(key, undefined, `Bitcoin header ${attestation.height}`)).trim()));
    }
  }
  return {
    entries: entries.map((e) => fromHex(e.body_sha256)),
    checkpoints: [...chosen.values()].map((a) => a.note),
    tsr,
    ots,
    headers,
  };
}
