import type { Attestation, ExceptionRecord } from '@custos/core';
import type { EvidenceService } from '../../evidence/service/evidence-service.js';
import { UnverifiedEvidence, verifiedJsonArtefact, type VerifiedBundle } from '../../evidence/read/verified-bundles.js';
import { DECISION_FOLDER, attestationFrom, exceptionFrom } from '../evidence/client-decisions.js';
import { isClientDecision } from '../evidence/evidence-facts.js';

export interface ClientDecisions {
  attestations: Attestation[];
  /** Every risk acceptance recorded by the period's end, expired ones included (the caller filters). */
  exceptions: ExceptionRecord[];
}

/**
 * Attestations and risk acceptances from verified approval bundles: each decision document is read
 * from the store, checked against the digest its bundle signs, and must be the document the
 * approval section binds (`planSha256`).
 */
export async function readClientDecisions(service: EvidenceService, bundles: readonly VerifiedBundle[]): Promise<ClientDecisions> {
  const out: ClientDecisions = { attestations: [], exceptions: [] };
  for (const bundle of bundles) {
    const p = bundle.statement.predicate;
    if (p.kind !== 'approval' || !isClientDecision(bundle)) continue;
    const doc = bundle.statement.subject.find((s) => s.name.startsWith(DECISION_FOLDER) && /^reports\/decisions\/[a-z-]+\/[0-9a-f-]{36}\.json$/.test(s.name));
    const where = `decision bundle ${bundle.seq} of site ${bundle.site}`;
    if (!doc) throw new UnverifiedEvidence(`${where} names no decision document`);
    if (doc.digest.sha256 !== p.approval!.planSha256) throw new UnverifiedEvidence(`${where}: the approval binds ${p.approval!.planSha256}, not its decision document ${doc.digest.sha256}`);
    const value = await verifiedJsonArtefact(service, bundle, doc.name);
    try {
      if (doc.name.startsWith(`${DECISION_FOLDER}attestations/`)) out.attestations.push(attestationFrom(value, bundle.digest));
      else if (doc.name.startsWith(`${DECISION_FOLDER}risk-acceptances/`)) out.exceptions.push(exceptionFrom(value));
      else throw new Error(`unknown decision folder in ${doc.name}`);
    } catch (err) {
      throw new UnverifiedEvidence(`${where}: ${(err as Error).message}`);
    }
  }
  return out;
}
