import { toHex } from '../bytes.js';
import { sha256 } from '../hash.js';
import { parseCanonical } from '../jcs.js';
import { EnvelopeError, parseEnvelope, verifyEnvelope } from '../dsse.js';
import { SchemaError } from '../bundle/schema.js';
import { MANIFEST, MANIFEST_PAYLOAD_TYPE } from '../kit/layout.js';
import { parseManifest } from '../kit/manifest.js';
import type { ManifestEntry } from '../kit/manifest.js';
import type { VerifyContext } from './context.js';

/**
 * Checks the signed manifest against the files present: absent and added files are named here, before
 * the evidence checks (which then need not blame a file's dependants for its absence); changed files
 * are named by checkManifestDigests at the end, so files already read are not read again.
 */
export async function loadManifest(ctx: VerifyContext): Promise<readonly ManifestEntry[] | undefined> {
  const f = ctx.findings;
  const bytes = await ctx.source.read(MANIFEST);
  if (!bytes) {
    f.fail(MANIFEST, 'missing', 'the kit has no signed manifest, so a removed file cannot be named');
    return undefined;
  }
  let files;
  try {
    const envelope = parseEnvelope(parseCanonical(bytes).value);
    if (envelope.payloadType !== MANIFEST_PAYLOAD_TYPE) throw new EnvelopeError(`payloadType is ${envelope.payloadType}`);
    const keys = ctx.keys('export');
    const sig = await verifyEnvelope(envelope, keys.map((k) => k.publicKey), ctx.verifier, 1);
    if (!sig.ok) throw new EnvelopeError(`not signed by a trusted export key (${sig.reason})`);
    const manifest = parseManifest(sig.body);
    if (!sig.signedBy.some((i) => ctx.validAt(keys[i]!, manifest.createdAt))) throw new EnvelopeError(`export key was not valid at ${manifest.createdAt}`);
    files = manifest.files;
  } catch (err) {
    if (!(err instanceof EnvelopeError || err instanceof SchemaError || err instanceof SyntaxError)) throw err;
    f.fail(MANIFEST, 'manifest-signature', err.message);
    return undefined;
  }
  const listed = new Set<string>();
  for (const entry of files) {
    listed.add(entry.path);
    if (!ctx.files.has(entry.path)) {
      f.fail(entry.path, 'missing', 'listed in the signed manifest but not in the kit');
      ctx.removed.add(entry.path);
    }
  }
  for (const path of ctx.files) {
    if (path !== MANIFEST && !listed.has(path)) f.fail(path, 'unexpected-file', 'not listed in the signed manifest');
  }
  return files;
}

export async function checkManifestDigests(ctx: VerifyContext, files: readonly ManifestEntry[]): Promise<void> {
  let done = 0;
  for (const entry of files) {
    if (++done % 1024 === 0) ctx.progress('manifest', done, files.length);
    if (!ctx.files.has(entry.path)) continue;
    let digest = ctx.digests.get(entry.path);
    if (!digest) {
      const content = await ctx.source.read(entry.path);
      digest = content ? toHex(sha256(content)) : '';
    }
    if (digest !== entry.sha256) ctx.findings.fail(entry.path, 'manifest-mismatch', 'content differs from the signed manifest');
  }
}
