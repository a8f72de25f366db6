import { fromHex, inclusionProof, leafHash, sha256, toBase64, toHex } from '@custos/evidence';
import type { Scope } from '@custos/db';
import type { BundleProof } from '$lib/verify/bundle-proof';
import { anchorFor, coveringCheckpoint, evidenceRow, logDigests, trustEnvelopes } from '../read-models/evidence-log.js';
import { readEvidenceObject } from './store.js';

export class EvidenceMissing extends Error {
  override readonly name = 'EvidenceMissing';
}

/**
 * Everything the browser needs to verify one bundle itself: the stored bytes (at the version the
 * index recorded), the logged digest, the covering checkpoint with an audit path, the trust chain,
 * and the anchor-log position. Nothing here is a verdict; the browser decides. Undefined when the
 * bundle is not in the caller's scope.
 */
export async function bundleProof(scope: Scope, id: string): Promise<BundleProof | undefined> {
  const row = await evidenceRow(scope, id);
  if (!row) return undefined;
  if (row.logIndex === null) throw new EvidenceMissing(`bundle ${id} has no log position yet`);
  const envelope = await readEvidenceObject(row.objectKey, row.versionId);
  if (!envelope) throw new EvidenceMissing(`bundle ${id}: ${row.objectKey} is missing from the evidence bucket`);
  const seq = row.logIndex;
  const cp = await coveringCheckpoint(row.siteId, seq);
  let checkpoint: BundleProof['checkpoint'] = null;
  let anchor: BundleProof['anchor'] = null;
  if (cp) {
    const leaves = (await logDigests(row.siteId, cp.size)).map((d) => leafHash(fromHex(d)));
    checkpoint = { note: cp.note, auditPath: inclusionProof(leaves, seq, cp.size).map(toHex) };
    const a = await anchorFor(row.siteId, cp.size);
    if (a) {
      const tsr = a.anchor.tsrObjectKey ? await readEvidenceObject(a.anchor.tsrObjectKey, a.anchor.tsrVersionId) : undefined;
      anchor = {
        index: a.index,
        note: a.anchor.note,
        auditPath: inclusionProof(a.entries.map((e) => leafHash(fromHex(e))), a.index, a.anchor.size).map(toHex),
        tsr: tsr ? toBase64(tsr) : null,
        otsState: a.anchor.otsState,
      };
    }
  }
  return {
    tenant: row.clientId,
    site: row.siteId,
    seq,
    envelope: toBase64(envelope),
    logEntry: row.bundleSha256,
    checkpoint,
    trust: await trustEnvelopes(),
    anchor,
  };
}

/** The stored bundle and its statement, for reading (the signature is checked in the browser). */
export async function bundleStatement(scope: Scope, id: string) {
  const row = await evidenceRow(scope, id);
  if (!row) return undefined;
  const bytes = await readEvidenceObject(row.objectKey, row.versionId);
  if (!bytes) throw new EvidenceMissing(`bundle ${id}: ${row.objectKey} is missing from the evidence bucket`);
  const envelope = JSON.parse(new TextDecoder().decode(bytes)) as { payload: string; payloadType: string; signatures: { keyid: string }[] };
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Record<string, unknown>;
  return { row, statement, payloadType: envelope.payloadType, signatureKeyIds: envelope.signatures.map((s) => s.keyid), storedSha256: toHex(sha256(bytes)) };
}
