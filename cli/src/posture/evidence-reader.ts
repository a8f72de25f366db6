import {
  classifyPath, fromBase64, fromUtf8, keyValidAt, parseCanonical, parseEnvelope, predicateTypeFor, sha256, toHex, validateStatement, verifyEnvelope, verifyKit,
} from '@custos/evidence';
import type { EvidenceStatement, KitReport, KitSource, TrustDocument } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { publishedTrust } from '@custos/activities/evidence';
import type { EvidenceService } from '@custos/activities/evidence';
import type { VerifiedBundle } from './reconstruct.js';

type Progress = (phase: string, done: number, total: number) => void;

/** Evidence that cannot be used: posture is never computed from a bundle that did not verify. */
export class UnverifiedEvidence extends Error {
  override readonly name = 'UnverifiedEvidence';
}

function statementOf(payload: string): EvidenceStatement {
  return JSON.parse(fromUtf8(fromBase64(payload))) as EvidenceStatement;
}

/** The bundles of a kit, after the whole kit verified (lib/evidence verifyKit). */
export async function kitBundles(source: KitSource, progress: Progress): Promise<{ bundles: VerifiedBundle[]; report: KitReport }> {
  const report = await verifyKit(source, { verifier: nodeVerifier(), onProgress: (p) => progress(`verify ${p.phase}`, p.done, p.total) });
  if (!report.ok) return { bundles: [], report };
  const bundles: VerifiedBundle[] = [];
  for (const path of await source.list()) {
    const kind = classifyPath(path);
    if (kind.kind !== 'envelope') continue;
    const envelope = parseEnvelope(parseCanonical((await source.read(path))!).value);
    bundles.push({ site: kind.site, seq: kind.seq, digest: kind.digestHex, statement: statementOf(envelope.payload) });
  }
  return { bundles, report };
}

async function verifyStored(bytes: Uint8Array, trust: TrustDocument, tenant: string, site: string, seq: number): Promise<EvidenceStatement> {
  const envelope = parseEnvelope(parseCanonical(bytes).value);
  const signers = trust.keys.filter((k) => k.role === 'bundle' || (k.role === 'appliance' && k.scope?.tenant === tenant && k.scope.site === site));
  const sig = await verifyEnvelope(envelope, signers.map((k) => k.publicKey), nodeVerifier(), trust.policy.bundleThreshold);
  if (!sig.ok) throw new UnverifiedEvidence(`signature does not verify (${sig.reason})`);
  const statement = validateStatement(parseCanonical(sig.body).value, (kind) => predicateTypeFor(trust.domain, kind));
  const p = statement.predicate;
  if (p.tenant !== tenant || p.site !== site || p.seq !== String(seq)) throw new UnverifiedEvidence(`statement is ${p.tenant}/${p.site} seq ${p.seq}, indexed as ${tenant}/${site} seq ${seq}`);
  const valid = sig.signedBy.filter((i) => keyValidAt(signers[i]!, p.finishedAt));
  if (valid.length < trust.policy.bundleThreshold) throw new UnverifiedEvidence(`signed by a key not valid at ${p.finishedAt}`);
  return statement;
}

/**
 * The client's logged bundles finished by `asOf`, read from the bucket by recorded version and each
 * verified (digest, signature by a key trusted then, statement schema, log position) before use.
 * The database only says where to look.
 */
export async function liveBundles(service: EvidenceService, clientId: string, asOf: Date, progress: Progress): Promise<VerifiedBundle[]> {
  const { current } = await publishedTrust(service.db);
  const rows = await service.db
    .selectFrom('evidence_index')
    .select(['site_id', 'log_index', 'bundle_sha256', 'object_key', 'version_id'])
    .where('client_id', '=', clientId)
    .where('log_index', 'is not', null)
    .where('finished_at', '<=', asOf)
    .orderBy('site_id')
    .orderBy('log_index')
    .execute();
  const bundles: VerifiedBundle[] = [];
  for (const [i, row] of rows.entries()) {
    if (i % 32 === 0) progress('reading evidence', i, rows.length);
    const where = `bundle ${row.log_index} of site ${row.site_id} (${row.object_key})`;
    const bytes = await service.store.get(row.object_key, row.version_id ?? undefined);
    if (!bytes) throw new UnverifiedEvidence(`${where} is missing from ${service.store.location}`);
    if (toHex(sha256(bytes)) !== row.bundle_sha256) throw new UnverifiedEvidence(`${where} does not hash to the logged digest`);
    try {
      const statement = await verifyStored(bytes, current, clientId, row.site_id, Number(row.log_index));
      bundles.push({ site: row.site_id, seq: Number(row.log_index), digest: row.bundle_sha256, statement });
    } catch (err) {
      throw new UnverifiedEvidence(`${where}: ${(err as Error).message}`);
    }
  }
  progress('reading evidence', rows.length, rows.length);
  return bundles;
}
