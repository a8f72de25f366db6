import { concatBytes, fromBase64, toBase64, utf8 } from './bytes.js';
import { assertCanonicalString } from './jcs.js';
import { keyIdOf } from './ed25519.js';
import type { Signer, SignatureVerifier } from './ed25519.js';

// DSSE v1 (secure-systems-lab/dsse): the signature covers PAE(payloadType, payload bytes), and the
// exact payload bytes travel base64-encoded, so no verifier ever re-serialises JSON to check a signature.

export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

export interface DsseEnvelope {
  readonly payload: string;
  readonly payloadType: string;
  readonly signatures: readonly DsseSignature[];
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

/** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes. */
export function pae(payloadType: string, body: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${body.length} `), body);
}

/** Signs `body` with every signer (several during a key rotation). */
export function signEnvelope(payloadType: string, body: Uint8Array, signers: readonly Signer[]): DsseEnvelope {
  if (signers.length === 0) throw new EnvelopeError('at least one signer is required');
  const message = pae(payloadType, body);
  return {
    payload: toBase64(body),
    payloadType,
    signatures: signers.map((s) => ({ keyid: keyIdOf(s.publicKey), sig: toBase64(s.sign(message)) })),
  };
}

/**
 * The stored form of an envelope: its JCS serialisation. The envelope has a fixed shape of strings, so
 * its canonical form is written directly (keys in code-unit order, strings escaped as JCS and
 * JSON.stringify both do); a unit test holds it equal to the general canonicaliser.
 */
export function envelopeBytes(envelope: DsseEnvelope): Uint8Array {
  const sigs = envelope.signatures.map((s) => `{"keyid":${JSON.stringify(s.keyid)},"sig":${JSON.stringify(s.sig)}}`).join(',');
  if (!/^[A-Za-z0-9+/=_-]*$/.test(envelope.payload)) throw new EnvelopeError('envelope.payload is not base64');
  assertCanonicalString(envelope.payloadType, '/payloadType');
  envelope.signatures.forEach((x, i) => {
    assertCanonicalString(x.keyid, `/signatures/${i}/keyid`);
    assertCanonicalString(x.sig, `/signatures/${i}/sig`);
  });
  return utf8(`{"payload":${JSON.stringify(envelope.payload)},"payloadType":${JSON.stringify(envelope.payloadType)},"signatures":[${sigs}]}`);
}

/** Checks the JSON shape of an envelope; throws EnvelopeError saying which field is wrong. */
export function parseEnvelope(value: unknown): DsseEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EnvelopeError('envelope is not a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.payload !== 'string') throw new EnvelopeError('envelope.payload is not a string');
  if (typeof v.payloadType !== 'string' || v.payloadType === '') throw new EnvelopeError('envelope.payloadType is not a non-empty string');
  if (!Array.isArray(v.signatures) || v.signatures.length === 0) throw new EnvelopeError('envelope.signatures is not a non-empty array');
  const signatures = v.signatures.map((s: unknown, i) => {
    if (typeof s !== 'object' || s === null) throw new EnvelopeError(`envelope.signatures[${i}] is not an object`);
    const { keyid, sig } = s as Record<string, unknown>;
    if (typeof sig !== 'string') throw new EnvelopeError(`envelope.signatures[${i}].sig is not a string`);
    return { keyid: typeof keyid === 'string' ? keyid : '', sig };
  });
  return { payload: v.payload, payloadType: v.payloadType, signatures };
}

export interface EnvelopeVerification {
  /** Decoded payload bytes; only meaningful when `ok`. */
  readonly body: Uint8Array;
  readonly ok: boolean;
  /** Indexes into `trustedKeys` of the distinct keys that produced a valid signature. */
  readonly signedBy: readonly number[];
  readonly reason?: string;
}

/**
 * Verifies an envelope against trusted public keys. Every signature is tried against every trusted
 * key (the keyid is only an unauthenticated hint), and the threshold counts distinct keys, not
 * signature entries, so the same key signing twice counts once.
 */
export async function verifyEnvelope(
  envelope: DsseEnvelope,
  trustedKeys: readonly Uint8Array[],
  verifier: SignatureVerifier,
  threshold = 1,
): Promise<EnvelopeVerification> {
  let body: Uint8Array;
  try {
    body = fromBase64(envelope.payload);
  } catch (err) {
    return { body: new Uint8Array(), ok: false, signedBy: [], reason: `payload: ${(err as Error).message}` };
  }
  const message = pae(envelope.payloadType, body);
  const hints = trustedKeys.map(keyIdOf);
  const signedBy = new Set<number>();
  for (const s of envelope.signatures) {
    let sig: Uint8Array;
    try {
      sig = fromBase64(s.sig);
    } catch {
      continue;
    }
    // Try the key the hint names first: with one trusted key per role this is one verify per signature.
    const order = hints.map((_, i) => i).sort((a, b) => Number(hints[b] === s.keyid) - Number(hints[a] === s.keyid));
    for (const i of order) {
      if (signedBy.has(i)) continue;
      if (await verifier.verify(trustedKeys[i]!, message, sig)) {
        signedBy.add(i);
        break;
      }
    }
  }
  const ok = signedBy.size >= threshold;
  return {
    body,
    ok,
    signedBy: [...signedBy].sort((a, b) => a - b),
    ...(ok ? {} : { reason: `${signedBy.size} valid signature(s) from trusted keys, ${threshold} required` }),
  };
}
