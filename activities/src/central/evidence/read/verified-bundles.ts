import { fromUtf8, keyValidAt, parseCanonical, parseEnvelope, predicateTypeFor, sha256, toHex, validateStatement, verifyEnvelope } from '@custos/evidence';
import type { EvidenceKind, EvidenceStatement, TrustDocument } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { publishedTrust } from '../keys/trust-registry.js';
import type { EvidenceService } from '../service/evidence-service.js';
import { mapLimit } from '../service/append-batch.js';

// Reading evidence back from the live store, for everything computed from it (`custos posture`, the
// monthly packet): the database only says where to look; each bundle is verified before use.

/** A bundle whose signature, log position and schema were already checked. */
export interface VerifiedBundle {
  readonly site: string;
  readonly seq: number;
  readonly digest: string;
  readonly statement: EvidenceStatement;
}

/** Evidence that cannot be used: nothing is computed from a bundle that did not verify. */
export class UnverifiedEvidence extends Error {
  override readonly name = 'UnverifiedEvidence';
}

export type ReadProgress = (phase: string, done: number, total: number) => void;

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

export interface LiveBundleOptions {
  /** Only these kinds (default: all); workflow histories are the bulk of a log and rarely needed. */
  readonly kinds?: readonly EvidenceKind[];
  /** Parallel reads from the store (default 8). */
  readonly concurrency?: number;
  readonly progress?: ReadProgress;
}

/**
 * The client's logged bundles finished by `asOf`, read from the bucket by recorded version and each
 * verified (digest, signature by a key trusted then, statement schema, log position) before use.
 * Ordered by site, then log position.
 */
export async function liveBundles(service: EvidenceService, clientId: string, asOf: Date, opts: LiveBundleOptions = {}): Promise<VerifiedBundle[]> {
  const progress = opts.progress ?? (() => undefined);
  const { current } = await publishedTrust(service.db);
  let query = service.db
    .selectFrom('evidence_index')
    .select(['site_id', 'log_index', 'bundle_sha256', 'object_key', 'version_id'])
    .where('client_id', '=', clientId)
    .where('log_index', 'is not', null)
    .where('finished_at', '<=', asOf);
  if (opts.kinds) query = query.where('kind', 'in', [...opts.kinds]);
  const rows = await query.orderBy('site_id').orderBy('log_index').execute();
  let done = 0;
  const bundles = await mapLimit(rows, opts.concurrency ?? 8, async (row): Promise<VerifiedBundle> => {
    if (done++ % 32 === 0) progress('reading evidence', done - 1, rows.length);
    const where = `bundle ${row.log_index} of site ${row.site_id} (${row.object_key})`;
    const bytes = await service.store.get(row.object_key, row.version_id ?? undefined);
    if (!bytes) throw new UnverifiedEvidence(`${where} is missing from ${service.store.location}`);
    if (toHex(sha256(bytes)) !== row.bundle_sha256) throw new UnverifiedEvidence(`${where} does not hash to the logged digest`);
    try {
      const statement = await verifyStored(bytes, current, clientId, row.site_id, Number(row.log_index));
      return { site: row.site_id, seq: Number(row.log_index), digest: row.bundle_sha256, statement };
    } catch (err) {
      throw new UnverifiedEvidence(`${where}: ${(err as Error).message}`);
    }
  });
  progress('reading evidence', rows.length, rows.length);
  return bundles;
}

/**
 * An artefact a verified bundle names, read from the store and checked against the digest the
 * signed statement gives for it.
 */
export async function verifiedArtefact(service: EvidenceService, bundle: VerifiedBundle, name: string): Promise<Uint8Array> {
  const subject = bundle.statement.subject.find((s) => s.name === name);
  if (!subject) throw new UnverifiedEvidence(`bundle ${bundle.seq} of site ${bundle.site} names no artefact ${name}`);
  const row = await service.db
    .selectFrom('evidence_index')
    .select('artefacts')
    .where('site_id', '=', bundle.site)
    .where('log_index', '=', String(bundle.seq))
    .executeTakeFirst();
  const ref = row?.artefacts.find((a) => a.name === name);
  if (!ref) throw new UnverifiedEvidence(`artefact ${name} of bundle ${bundle.seq} of site ${bundle.site} is not indexed`);
  const bytes = await service.store.get(ref.objectKey, ref.versionId);
  if (!bytes) throw new UnverifiedEvidence(`artefact ${name} of site ${bundle.site} is missing from ${service.store.location}`);
  if (toHex(sha256(bytes)) !== subject.digest.sha256) throw new UnverifiedEvidence(`artefact ${name} of site ${bundle.site} does not hash to the digest its bundle signs`);
  return bytes;
}

/** The JSON of a verified artefact. */
export async function verifiedJsonArtefact(service: EvidenceService, bundle: VerifiedBundle, name: string): Promise<unknown> {
  const bytes = await verifiedArtefact(service, bundle, name);
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch (err) {
    throw new UnverifiedEvidence(`artefact ${name} of site ${bundle.site} is not JSON: ${(err as Error).message}`);
  }
}
