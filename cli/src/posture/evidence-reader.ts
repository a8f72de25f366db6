import { classifyPath, fromBase64, fromUtf8, parseCanonical, parseEnvelope, verifyKit } from '@custos/evidence';
import type { EvidenceStatement, KitReport, KitSource } from '@custos/evidence';
import { nodeVerifier } from '@custos/evidence/node';
import { liveBundles as readLiveBundles } from '@custos/activities/evidence';
import type { EvidenceService } from '@custos/activities/evidence';
import type { VerifiedBundle } from './reconstruct.js';

type Progress = (phase: string, done: number, total: number) => void;

export { UnverifiedEvidence } from '@custos/activities/evidence';

function statementOf(payload: string): EvidenceStatement {
  return JSON.parse(fromUtf8(fromBase64(payload))) as EvidenceStatement;
}

/** The bundles of a kit, after the whole kit verified (lib/evidence verifyKit). */
export async function kitBundles(source: KitSource, progress: Progress): Promise<{ bundles: VerifiedBundle[]; report: KitReport }> {
  const report = await verifyKit(source, { verifier: nodeVerifier(), onProgress: (p) => progress(`verify ${p.phase}`, p.done, p.total) });
  if (!report.ok) return { bundles: [], report };
  const bundles: VerifiedBundle[] = [];
  for (const path of await source.list()) {
    const kind = classifyPath(path);
    if (kind.kind !== 'envelope') continue;
    const envelope = parseEnvelope(parseCanonical((await source.read(path))!).value);
    bundles.push({ site: kind.site, seq: kind.seq, digest: kind.digestHex, statement: statementOf(envelope.payload) });
  }
  return { bundles, report };
}

/**
 * The client's logged bundles finished by `asOf`, each verified before use (the live-store reader
 * lives with the evidence service so the monthly packet reads evidence the same way).
 */
export function liveBundles(service: EvidenceService, clientId: string, asOf: Date, progress: Progress): Promise<VerifiedBundle[]> {
  return readLiveBundles(service, clientId, asOf, { progress });
}
