import { parseCanonical } from '../jcs.js';
import { TrustError, verifyTrustChain } from '../trust/chain.js';
import type { TrustChainResult } from '../trust/chain.js';
import type { SignatureVerifier } from '../ed25519.js';
import { trustPath } from '../kit/layout.js';
import type { KitPath } from '../kit/layout.js';
import type { KitSource } from './source.js';
import type { Findings } from './report.js';

/** Loads trust/1.json … trust/N.json and verifies the chain; failures name the document at fault. */
export async function verifyKitTrust(
  source: KitSource,
  paths: readonly KitPath[],
  findings: Findings,
  verifier: SignatureVerifier,
  pinnedRootIds: readonly string[],
): Promise<TrustChainResult | undefined> {
  const versions = paths.flatMap((p) => (p.kind === 'trust' ? [p.version] : [])).sort((a, b) => a - b);
  if (versions.length === 0) {
    findings.fail(trustPath(1), 'missing', 'the kit has no trust document, so no signature can be checked');
    return undefined;
  }
  const gap = versions.findIndex((v, i) => v !== i + 1);
  if (gap >= 0) {
    findings.fail(trustPath(gap + 1), 'missing', `trust versions must run 1..${versions.length} without gaps`);
    return undefined;
  }
  const docs: unknown[] = [];
  for (const v of versions) {
    const bytes = await source.read(trustPath(v));
    try {
      docs.push(parseCanonical(bytes ?? new Uint8Array()).value);
    } catch {
      findings.fail(trustPath(v), 'trust-invalid', 'not UTF-8 JSON');
      return undefined;
    }
  }
  try {
    return await verifyTrustChain(docs, verifier, pinnedRootIds);
  } catch (err) {
    if (!(err instanceof TrustError)) throw err;
    findings.fail(trustPath(versions[err.index] ?? 1), 'trust-invalid', err.message);
    return undefined;
  }
}
