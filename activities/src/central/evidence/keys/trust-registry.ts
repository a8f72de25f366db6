import { envelopeBytes, keyIdOf, keyValidAt, signTrust, verifyTrustChain } from '@custos/evidence';
import type { DsseEnvelope, KeyRole, Signer, TrustDocument, TrustedKey } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import type { EvidenceDb } from '../db/tables.js';
import { evidenceKeys as keyLayout } from '../store/object-keys.js';
import type { ObjectStore } from '../store/object-store.js';
import { retainUntil } from '../store/retention.js';
import type { RetentionPolicy } from '../store/retention.js';
import type { EvidenceKeys } from './evidence-keys.js';

/** The configured keys are not (or no longer) trusted by the published trust.json: refuse to sign. */
export class KeyNotTrusted extends Error {
  override readonly name = 'KeyNotTrusted';
}

export interface TrustSettings {
  /** DER TSA roots auditors should accept (from CUSTOS_TSA_ROOT_CERTS), written into trust.json v1. */
  readonly tsaRoots: readonly { name: string; certificate: Uint8Array }[];
  /** Compact nBits, e.g. "1d00ffff". */
  readonly bitcoinMaxTarget: string;
}

export interface PublishedTrust {
  readonly current: TrustDocument;
  /** Oldest first: what goes into an auditor kit as trust/1.json … */
  readonly chain: readonly DsseEnvelope[];
}

// Keys are generated before the first trust document is written; a window opening a day earlier keeps
// evidence finished minutes before the first publication verifiable without backdating anything real.
const KEY_WINDOW_LEAD_MS = 24 * 3600 * 1000;

function firstDocument(keys: EvidenceKeys, root: Signer, settings: TrustSettings, now: Date): TrustDocument {
  const validFrom = new Date(now.getTime() - KEY_WINDOW_LEAD_MS).toISOString();
  const key = (role: KeyRole, signer: Signer, noteName?: string): TrustedKey => ({
    id: keyIdOf(signer.publicKey),
    role,
    publicKey: signer.publicKey,
    validFrom,
    ...(noteName ? { noteName } : {}),
  });
  return {
    schema: 1,
    domain: keys.domain,
    version: 1,
    issuedAt: now.toISOString(),
    keys: [key('root', root), key('bundle', keys.bundle), key('log', keys.log.signer, keys.log.name), key('export', keys.export)],
    tsaRoots: settings.tsaRoots,
    policy: { bundleThreshold: 1, rootThreshold: 1, bitcoinMaxTarget: settings.bitcoinMaxTarget },
  };
}

function assertTrusted(doc: TrustDocument, role: KeyRole, signer: Signer, now: Date, noteName?: string): void {
  const id = keyIdOf(signer.publicKey);
  const listed = doc.keys.find((k) => k.role === role && k.id === id && (noteName === undefined || k.noteName === noteName));
  if (!listed) throw new KeyNotTrusted(`the configured ${role} key ${id.slice(0, 16)}… is not in trust.json version ${doc.version}; publish a trust document that lists it first`);
  if (!keyValidAt(listed, now.toISOString())) {
    throw new KeyNotTrusted(`the configured ${role} key ${id.slice(0, 16)}… is valid ${listed.validFrom} to ${listed.validTo ?? 'open'} in trust.json version ${doc.version}, not now`);
  }
}

/** The published trust chain, verified, without publishing anything (export, posture). */
export async function publishedTrust(db: EvidenceDb): Promise<PublishedTrust> {
  const rows = await db.selectFrom('evidence_trust').select(['version', 'envelope']).orderBy('version').execute();
  if (rows.length === 0) throw new KeyNotTrusted('no trust.json is published yet: this deployment has recorded no evidence');
  const chain = rows.map((r) => r.envelope as DsseEnvelope);
  return { current: (await verifyTrustChain(chain, nodeVerifier())).current, chain };
}

/** Throws KeyNotTrusted unless `signer` is listed for `role` and valid now. */
export function assertKeyTrusted(doc: TrustDocument, role: KeyRole, signer: Signer, noteName?: string): void {
  assertTrusted(doc, role, signer, new Date(), noteName);
}

/**
 * Loads the published trust chain (publishing version 1 into an empty deployment when a root key is
 * configured) and checks that every configured key is trusted now. Signing fails closed otherwise:
 * evidence signed by a key auditors cannot find in trust.json would be worthless.
 */
export async function loadTrust(db: EvidenceDb, store: ObjectStore, keys: EvidenceKeys, settings: TrustSettings, retention: RetentionPolicy): Promise<PublishedTrust> {
  let rows = await db.selectFrom('evidence_trust').select(['version', 'envelope']).orderBy('version').execute();
  if (rows.length === 0) {
    if (!keys.root) throw new KeyNotTrusted(`no trust.json is published for ${keys.domain} and no root key is configured (CUSTOS_EVIDENCE_ROOT_KEY) to publish version 1`);
    const now = new Date();
    const envelope = signTrust(firstDocument(keys, keys.root, settings, now), [keys.root]);
    const bytes = envelopeBytes(envelope);
    const objectKey = keyLayout.trust(1);
    // A bucket that already holds trust/1.json with no row here means a lost or wrong database:
    // publishing a second version 1 would fork the trust chain.
    if (await store.stat(objectKey)) throw new KeyNotTrusted(`${store.location} already holds ${objectKey} but the database has no trust row; restore the database instead of publishing again`);
    // The insert takes the row lock on version 1: a second worker starting at the same moment waits,
    // finds the row, and uses the first one's document. The object is written before commit.
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('evidence_trust')
        .values({ version: 1, envelope: JSON.stringify(envelope), object_key: objectKey })
        .onConflict((oc) => oc.column('version').doNothing())
        .returning('version')
        .executeTakeFirst();
      if (inserted) await store.putLocked(objectKey, bytes, retainUntil(now, retention), 'application/json');
    });
    rows = await db.selectFrom('evidence_trust').select(['version', 'envelope']).orderBy('version').execute();
  }
  const chain = rows.map((r) => r.envelope as DsseEnvelope);
  const { current } = await verifyTrustChain(chain, nodeVerifier());
  if (current.domain !== keys.domain) throw new KeyNotTrusted(`trust.json is for domain ${current.domain}, this deployment is ${keys.domain} (CUSTOS_EVIDENCE_DOMAIN)`);
  const now = new Date();
  assertTrusted(current, 'bundle', keys.bundle, now);
  assertTrusted(current, 'log', keys.log.signer, now, keys.log.name);
  assertTrusted(current, 'export', keys.export, now);
  return { current, chain };
}
