import { toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { canonicalBytes } from '../jcs.js';
import { envelopeBytes, signEnvelope } from '../dsse.js';
import type { DsseEnvelope } from '../dsse.js';
import type { Signer } from '../ed25519.js';
import { IN_TOTO_PAYLOAD_TYPE, predicateTypeFor, STATEMENT_TYPE } from './schema.js';
import { validateStatement } from './predicate.js';
import type { EvidencePredicate, EvidenceStatement, Subject } from './predicate.js';

/** Everything a producer supplies; `seq` and `prev` come from the site log's single writer (SiteLog.next). */
export interface BundleInput extends Omit<EvidencePredicate, 'schema' | 'seq'> {
  /** Deployment domain, used in predicate types and log origins (e.g. `custos.example`). */
  readonly domain: string;
  readonly seq: number;
  readonly subjects: readonly Subject[];
}

/** Statement ready to sign. Throws SchemaError naming the offending field if the input is not valid evidence. */
export function buildBundle(input: BundleInput): EvidenceStatement {
  const { domain, subjects, seq, ...rest } = input;
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`seq ${seq} is not a non-negative integer`);
  const statement = {
    _type: STATEMENT_TYPE,
    subject: subjects.map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256 } })),
    predicateType: predicateTypeFor(domain, input.kind),
    // Optional sections left `undefined` by callers are dropped: undefined is not JSON.
    predicate: Object.fromEntries(Object.entries({ schema: 1, ...rest, seq: String(seq) }).filter(([, v]) => v !== undefined)),
  };
  return validateStatement(statement, (k) => predicateTypeFor(domain, k));
}

export interface SignedBundle {
  readonly statement: EvidenceStatement;
  readonly envelope: DsseEnvelope;
  /** The stored bytes: JCS of the envelope. */
  readonly bytes: Uint8Array;
  /** E = SHA-256(bytes): the site log entry and part of the object key. */
  readonly digest: Uint8Array;
  readonly digestHex: string;
}

/** Canonicalises, signs (with every signer, for rotation overlaps) and seals a statement. Pure: no I/O. */
export function signBundle(statement: EvidenceStatement, signers: readonly Signer[]): SignedBundle {
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, canonicalBytes(statement), signers);
  const bytes = envelopeBytes(envelope);
  const digest = sha256(bytes);
  return { statement, envelope, bytes, digest, digestHex: toHex(digest) };
}

/** Object key of an envelope in the evidence store and in an auditor kit (relative to the site). */
export function envelopeName(seq: number, digestHex: string): string {
  return `${seq}-${digestHex}.dsse.json`;
}
