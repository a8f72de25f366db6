import { envelopeBytes, keyIdOf, signTrust } from '@custos/evidence';
import type { KeyRole, Signer, TrustDocument, TrustedKey } from '@custos/evidence';
import { evidenceObjectKeys, retainUntil, type EvidenceKeys, type EvidenceService } from '../../../src/central/evidence/index.js';

/**
 * Publishes trust.json version 1 with key windows opening at `validFrom`, as a deployment that has
 * been running since then would have it. The evidence service then accepts (and the verifier
 * checks) bundles finished in that past; without this a month of backdated history could not be
 * signed, because a fresh deployment's keys are valid from a day before its first publication.
 */
export async function publishTrustValidFrom(service: EvidenceService, keys: EvidenceKeys, validFrom: string, tsaRoots: TrustDocument['tsaRoots'] = []): Promise<void> {
  const root = keys.root;
  if (!root) throw new Error('publishing trust needs the root key');
  const key = (role: KeyRole, signer: Signer, noteName?: string): TrustedKey => ({ id: keyIdOf(signer.publicKey), role, publicKey: signer.publicKey, validFrom, ...(noteName ? { noteName } : {}) });
  const doc: TrustDocument = {
    schema: 1,
    domain: keys.domain,
    version: 1,
    issuedAt: new Date().toISOString(),
    keys: [key('root', root), key('bundle', keys.bundle), key('log', keys.log.signer, keys.log.name), key('export', keys.export)],
    tsaRoots,
    policy: { bundleThreshold: 1, rootThreshold: 1, bitcoinMaxTarget: '207fffff' },
  };
  const envelope = signTrust(doc, [root]);
  const objectKey = evidenceObjectKeys.trust(1);
  await service.store.putLocked(objectKey, envelopeBytes(envelope), retainUntil(new Date(), service.retention), 'application/json');
  await service.db.insertInto('evidence_trust').values({ version: 1, envelope: JSON.stringify(envelope), object_key: objectKey }).execute();
  // Loads and checks it like any deployment would (and caches it in the service).
  await service.trust();
}
