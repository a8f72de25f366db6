import { fromUtf8 } from '../bytes.js';
import { EnvelopeError, parseEnvelope, verifyEnvelope } from '../dsse.js';
import { parseCanonical } from '../jcs.js';
import { IN_TOTO_PAYLOAD_TYPE, predicateTypeFor, SchemaError } from '../bundle/schema.js';
import { validateStatement } from '../bundle/predicate.js';
import type { EvidenceStatement } from '../bundle/predicate.js';
import type { FailureCode } from './report.js';
import type { VerifyContext } from './context.js';

export type EnvelopeCheck = { ok: true; statement: EvidenceStatement } | { ok: false; code: FailureCode; reason: string };

const bad = (code: FailureCode, reason: string): EnvelopeCheck => ({ ok: false, code, reason });

/**
 * Everything that can be checked about one envelope on its own: canonical JSON, DSSE signature by
 * enough distinct bundle keys, payload type, statement schema, and that the signing keys were valid
 * when the work finished. Order follows DSSE: signature before payload type before parsing.
 */
export async function checkEnvelope(ctx: VerifyContext, bytes: Uint8Array, tenant: string, site: string): Promise<EnvelopeCheck> {
  let parsed: ReturnType<typeof parseCanonical>;
  try {
    parsed = parseCanonical(bytes);
  } catch {
    return bad('envelope-invalid', 'not UTF-8 JSON');
  }
  if (!parsed.canonical) return bad('envelope-invalid', 'not stored in canonical (RFC 8785) form');
  let envelope;
  try {
    envelope = parseEnvelope(parsed.value);
  } catch (err) {
    if (err instanceof EnvelopeError) return bad('envelope-invalid', err.message);
    throw err;
  }
  const signers = ctx.bundleSigners(tenant, site);
  const threshold = ctx.trust.policy.bundleThreshold;
  const sig = await verifyEnvelope(envelope, signers.map((k) => k.publicKey), ctx.verifier, threshold);
  if (!sig.ok) return bad('envelope-signature', `signature does not verify with any trusted bundle key (${sig.reason})`);
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) return bad('envelope-invalid', `payloadType ${envelope.payloadType} is not ${IN_TOTO_PAYLOAD_TYPE}`);
  let statement: EvidenceStatement;
  try {
    const body = parseCanonical(sig.body);
    if (!body.canonical) return bad('envelope-invalid', 'signed statement is not canonical JSON');
    statement = validateStatement(body.value, (kind) => predicateTypeFor(ctx.domain, kind));
  } catch (err) {
    if (err instanceof SchemaError) return bad('envelope-invalid', `statement ${err.message}`);
    if (err instanceof SyntaxError) return bad('envelope-invalid', `statement is not JSON (${fromUtf8(sig.body.slice(0, 30))}…)`);
    throw err;
  }
  const p = statement.predicate;
  if (p.tenant !== tenant || p.site !== site) return bad('envelope-invalid', `bundle is for ${p.tenant}/${p.site}, filed under ${tenant}/${site}`);
  const validSigners = sig.signedBy.filter((i) => ctx.validAt(signers[i]!, p.finishedAt));
  if (validSigners.length < threshold) {
    const k = signers[sig.signedBy[0]!]!;
    return bad('key-window', `signed by key ${k.id.slice(0, 16)}… valid ${k.validFrom} to ${k.validTo ?? 'now'}, but the bundle finished at ${p.finishedAt}`);
  }
  return { ok: true, statement };
}
