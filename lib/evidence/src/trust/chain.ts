import { canonicalBytes, parseCanonical } from '../jcs.js';
import { parseEnvelope, signEnvelope, verifyEnvelope } from '../dsse.js';
import type { DsseEnvelope } from '../dsse.js';
import type { SignatureVerifier, Signer } from '../ed25519.js';
import { parseTrustDocument, trustToJson, TRUST_PAYLOAD_TYPE } from './document.js';
import type { TrustDocument } from './document.js';

// Signed trust documents and root rotation. Each trust.json is a DSSE envelope signed by its own root
// keys (threshold); version n+1 must also carry the signatures of version n's roots. Rotating a root is
// therefore "add the new key's signature beside the old one": no flag day, and an auditor who pinned an
// old root follows the chain to the current keys.

export class TrustError extends Error {
  override readonly name = 'TrustError';
  constructor(
    /** Position in the chain (0 = oldest) of the document that failed. */
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

export function signTrust(doc: TrustDocument, rootSigners: readonly Signer[]): DsseEnvelope {
  return signEnvelope(TRUST_PAYLOAD_TYPE, canonicalBytes(trustToJson(doc)), rootSigners);
}

async function openTrust(envelopeJson: unknown, verifier: SignatureVerifier, index: number): Promise<{ doc: TrustDocument; envelope: DsseEnvelope }> {
  let envelope: DsseEnvelope;
  try {
    envelope = parseEnvelope(envelopeJson);
  } catch (err) {
    throw new TrustError(index, `trust document ${index + 1}: ${(err as Error).message}`);
  }
  if (envelope.payloadType !== TRUST_PAYLOAD_TYPE) throw new TrustError(index, `trust document ${index + 1}: payloadType is ${envelope.payloadType}`);
  // Parse unverified first to learn which roots it names, then check it is signed by them.
  const { body } = await verifyEnvelope(envelope, [], verifier, 0);
  let parsed: ReturnType<typeof parseCanonical>;
  try {
    parsed = parseCanonical(body);
  } catch {
    throw new TrustError(index, `trust document ${index + 1}: payload is not JSON`);
  }
  if (!parsed.canonical) throw new TrustError(index, `trust document ${index + 1}: payload is not canonical JSON`);
  try {
    return { doc: parseTrustDocument(parsed.value), envelope };
  } catch (err) {
    throw new TrustError(index, `trust document ${index + 1}: ${(err as Error).message}`);
  }
}

async function rootSignatures(doc: TrustDocument, envelope: DsseEnvelope, verifier: SignatureVerifier): Promise<string[]> {
  const roots = doc.keys.filter((k) => k.role === 'root' && (k.validTo === undefined || Date.parse(k.validTo) > Date.parse(doc.issuedAt)));
  const r = await verifyEnvelope(envelope, roots.map((k) => k.publicKey), verifier, 0);
  return r.signedBy.map((i) => roots[i]!.id);
}

export interface TrustChainResult {
  readonly current: TrustDocument;
  /** Root key ids that signed the first document of the chain (what an auditor pins). */
  readonly firstRoots: readonly string[];
  readonly pinned: boolean;
}

/**
 * Verifies a chain of trust envelopes (oldest first) and returns the newest document. Versions must
 * increase by one; each document needs `rootThreshold` of its own roots and of its predecessor's roots.
 * With `pinnedRootIds`, the first document must be signed by one of them.
 */
export async function verifyTrustChain(envelopes: readonly unknown[], verifier: SignatureVerifier, pinnedRootIds: readonly string[] = []): Promise<TrustChainResult> {
  if (envelopes.length === 0) throw new TrustError(0, 'no trust document');
  let previous: TrustDocument | undefined;
  let firstRoots: string[] = [];
  for (const [i, json] of envelopes.entries()) {
    const { doc, envelope } = await openTrust(json, verifier, i);
    const own = await rootSignatures(doc, envelope, verifier);
    if (own.length < doc.policy.rootThreshold) {
      throw new TrustError(i, `trust version ${doc.version}: ${own.length} valid root signature(s), ${doc.policy.rootThreshold} required`);
    }
    if (previous) {
      if (doc.version !== previous.version + 1) throw new TrustError(i, `trust version ${doc.version} follows version ${previous.version}`);
      if (doc.domain !== previous.domain) throw new TrustError(i, `trust version ${doc.version} changes the domain`);
      const byPrevious = await rootSignatures(previous, envelope, verifier);
      if (byPrevious.length < previous.policy.rootThreshold) {
        throw new TrustError(i, `trust version ${doc.version} is not signed by the roots of version ${previous.version}`);
      }
    } else {
      firstRoots = own;
      if (pinnedRootIds.length > 0 && !own.some((id) => pinnedRootIds.includes(id))) {
        throw new TrustError(i, `trust version ${doc.version} is not signed by a pinned root key`);
      }
    }
    previous = doc;
  }
  return { current: previous!, firstRoots, pinned: pinnedRootIds.length > 0 };
}
