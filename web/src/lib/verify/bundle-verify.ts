import {
  anchorLogOrigin,
  checkpointBody,
  fromBase64,
  fromHex,
  keyValidAt,
  leafHash,
  parseCanonical,
  parseCheckpoint,
  parseEnvelope,
  parseNote,
  sha256,
  siteLogOrigin,
  toHex,
  utf8,
  validateStatement,
  verifyEnvelope,
  verifyInclusion,
  verifyNote,
  verifyTimestampResponse,
  verifyTrustChain,
  type SignatureVerifier,
  type TrustDocument,
} from '@custos/evidence';
import type { BundleProof } from './bundle-proof.js';

export interface BundleCheck {
  step: 'trust' | 'entry' | 'signature' | 'inclusion' | 'checkpoint' | 'anchor';
  /** null: not applicable yet (not checkpointed, not anchored) — neither a pass nor a failure. */
  ok: boolean | null;
  detail: string;
}

const fail = (step: BundleCheck['step'], detail: string): BundleCheck => ({ step, ok: false, detail });
const pass = (step: BundleCheck['step'], detail: string): BundleCheck => ({ step, ok: true, detail });

/**
 * Verifies one evidence bundle in the browser with the evidence core: the trust chain, that the
 * stored bytes are the logged entry, the DSSE signature by a bundle key valid when the work
 * finished, inclusion in a signed checkpoint, that checkpoint's signature and origin, and the anchor
 * (anchor-log inclusion and the RFC 3161 token, when there is one). Every step reports; a failed
 * step does not hide the others.
 */
export async function verifyBundle(p: BundleProof, verifier: SignatureVerifier): Promise<BundleCheck[]> {
  const out: BundleCheck[] = [];
  let trust: TrustDocument | undefined;
  try {
    const chain = await verifyTrustChain(p.trust, verifier);
    trust = chain.current;
    out.push(pass('trust', `trust document version ${trust.version} of ${trust.domain}, root key ${chain.firstRoots[0]?.slice(0, 16)}…`));
  } catch (err) {
    out.push(fail('trust', `the trust chain does not verify: ${(err as Error).message}`));
  }

  const bytes = fromBase64(p.envelope);
  const digest = toHex(sha256(bytes));
  out.push(digest === p.logEntry ? pass('entry', `SHA-256 of the stored bundle is log entry ${p.seq}`) : fail('entry', `the bundle hashes to ${digest.slice(0, 16)}…, log entry ${p.seq} is ${p.logEntry.slice(0, 16)}…`));

  if (trust) out.push(await signatureCheck(p, bytes, trust, verifier));
  else out.push({ step: 'signature', ok: false, detail: 'no trusted keys to check the signature with' });

  if (!p.checkpoint) {
    out.push({ step: 'inclusion', ok: null, detail: 'no signed checkpoint covers this entry yet' });
    out.push({ step: 'checkpoint', ok: null, detail: 'not checkpointed yet' });
    out.push({ step: 'anchor', ok: null, detail: 'not anchored yet' });
    return out;
  }
  let cp: ReturnType<typeof parseCheckpoint> | undefined;
  try {
    cp = parseCheckpoint(parseNote(p.checkpoint.note).text);
  } catch (err) {
    out.push(fail('inclusion', `the checkpoint cannot be read: ${(err as Error).message}`));
  }
  if (cp) {
    // The leaf is SHA-256 of the envelope as it is now: a changed byte lands on a different root.
    const why = verifyInclusion(p.seq, cp.size, leafHash(sha256(bytes)), p.checkpoint.auditPath.map(fromHex), cp.root);
    out.push(why ? fail('inclusion', `not in the checkpoint of size ${cp.size}: ${why}`) : pass('inclusion', `entry ${p.seq} is in the log of size ${cp.size} that the checkpoint signs`));
    out.push(trust ? await checkpointCheck(p, cp, trust, verifier) : fail('checkpoint', 'no trusted log key'));
  }
  out.push(trust && cp ? await anchorCheck(p, trust, verifier) : { step: 'anchor', ok: null, detail: 'not checked (no verified checkpoint)' });
  return out;
}

async function signatureCheck(p: BundleProof, bytes: Uint8Array, trust: TrustDocument, verifier: SignatureVerifier): Promise<BundleCheck> {
  let envelope;
  try {
    const parsed = parseCanonical(bytes);
    envelope = parseEnvelope(parsed.value);
  } catch (err) {
    return fail('signature', `not a DSSE envelope: ${(err as Error).message}`);
  }
  const signers = trust.keys.filter((k) => k.role === 'bundle' || (k.role === 'appliance' && k.scope?.tenant === p.tenant && k.scope.site === p.site));
  const v = await verifyEnvelope(envelope, signers.map((k) => k.publicKey), verifier, trust.policy.bundleThreshold);
  if (!v.ok) return fail('signature', `no trusted bundle key signed it (${v.reason ?? 'bad signature'})`);
  try {
    const statement = validateStatement(parseCanonical(v.body).value);
    const finished = statement.predicate.finishedAt;
    if (statement.predicate.tenant !== p.tenant || statement.predicate.site !== p.site) return fail('signature', `signed for ${statement.predicate.tenant}/${statement.predicate.site}, filed under ${p.tenant}/${p.site}`);
    if (String(statement.predicate.seq) !== String(p.seq)) return fail('signature', `signed as seq ${statement.predicate.seq}, filed at ${p.seq}`);
    const valid = v.signedBy.filter((i) => keyValidAt(signers[i]!, finished));
    if (valid.length < trust.policy.bundleThreshold) return fail('signature', `signed by a key not valid at ${finished}`);
    return pass('signature', `Ed25519 signature by bundle key ${signers[valid[0]!]!.id.slice(0, 16)}…, valid when the work finished (${finished})`);
  } catch (err) {
    return fail('signature', `the signed statement is not valid evidence: ${(err as Error).message}`);
  }
}

async function checkpointCheck(p: BundleProof, cp: { origin: string; size: number }, trust: TrustDocument, verifier: SignatureVerifier): Promise<BundleCheck> {
  const keys = trust.keys.filter((k) => k.role === 'log').map((k) => ({ name: k.noteName!, publicKey: k.publicKey }));
  try {
    await verifyNote(p.checkpoint!.note, keys, verifier);
  } catch (err) {
    return fail('checkpoint', `the checkpoint signature does not verify: ${(err as Error).message}`);
  }
  const origin = siteLogOrigin(trust.domain, p.tenant, p.site);
  return cp.origin === origin ? pass('checkpoint', `signed by the log key, for ${origin}`) : fail('checkpoint', `the checkpoint is for ${cp.origin}, not ${origin}`);
}

async function anchorCheck(p: BundleProof, trust: TrustDocument, verifier: SignatureVerifier): Promise<BundleCheck> {
  const a = p.anchor;
  if (!a) return { step: 'anchor', ok: null, detail: 'the checkpoint is not in an anchored anchor-log checkpoint yet' };
  const keys = trust.keys.filter((k) => k.role === 'log').map((k) => ({ name: k.noteName!, publicKey: k.publicKey }));
  let text: string;
  try {
    text = (await verifyNote(a.note, keys, verifier)).text;
  } catch (err) {
    return fail('anchor', `the anchor-log checkpoint signature does not verify: ${(err as Error).message}`);
  }
  const cp = parseCheckpoint(text);
  if (cp.origin !== anchorLogOrigin(trust.domain)) return fail('anchor', `the anchor checkpoint is for ${cp.origin}`);
  const body = checkpointBody(p.checkpoint!.note);
  const why = verifyInclusion(a.index, cp.size, leafHash(sha256(body)), a.auditPath.map(fromHex), cp.root);
  if (why) return fail('anchor', `the site checkpoint is not in the anchor log: ${why}`);
  if (!a.tsr) return { step: 'anchor', ok: null, detail: `in anchor-log checkpoint ${cp.size}; its time-stamp is ${a.otsState ? `an OpenTimestamps proof (${a.otsState})` : 'not there yet'}` };
  try {
    const t = await verifyTimestampResponse(fromBase64(a.tsr), { data: utf8(text), trustedRoots: trust.tsaRoots.map((r) => r.certificate) });
    return pass('anchor', `in anchor-log checkpoint ${cp.size}, time-stamped by a trusted TSA at ${t.genTime.toISOString()}`);
  } catch (err) {
    return fail('anchor', `the RFC 3161 token does not verify: ${(err as Error).message}`);
  }
}
