import { ARTEFACT_PATH, OPAQUE_ID, toHex, sha256 } from '@custos/evidence';
import type { ApprovalSection, ControlResult, EvidenceKind, HealSection, HistorySection, ReportSection, Subject , SchemaError} from '@custos/evidence';

/** A file the bundle refers to by digest, stored beside it (raw scan output, a workflow history). */
export interface Artefact {
  /** Subject name: a path under the site, starting with raw/, histories/ or reports/. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * What a producer asks the evidence service to record. `seq`, `prev`, tenant and signatures are the
 * service's business; the producer says what happened and when.
 */
export interface EvidenceRequest {
  /**
   * Idempotency key: a retried activity sends the same key and gets the evidence recorded the first
   * time instead of a second copy (e.g. `scan:<workflowId>:<runId>`).
   */
  readonly requestKey: string;
  readonly siteId: string;
  readonly kind: EvidenceKind;
  /** UUID of the run this evidence is about (the Temporal run id). */
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly controls?: readonly ControlResult[];
  readonly heal?: HealSection;
  readonly approval?: ApprovalSection;
  readonly history?: HistorySection;
  readonly report?: ReportSection;
  readonly artefacts?: readonly Artefact[];
}

/** A request that can never succeed (retrying will not help): activities turn it into a non-retryable failure. */
export class InvalidEvidenceRequest extends Error {
  override readonly name = 'InvalidEvidenceRequest';
}

// Artefacts live under the site in the bucket and in kits; the kit layout only admits these folders.
const ARTEFACT_FOLDER = /^(raw|histories|reports)\//;
const MAX_ARTEFACT_BYTES = 64 * 1024 * 1024;

/** Checks the parts the statement schema cannot see (ids, artefacts) and returns the subjects. */
export function subjectsOf(request: EvidenceRequest): Subject[] {
  const at = (field: string) => `evidence request ${JSON.stringify(request.requestKey)}: ${field}`;
  if (!/^[\x21-\x7e]{1,300}$/.test(request.requestKey)) throw new InvalidEvidenceRequest(`evidence request key ${JSON.stringify(request.requestKey)} must be 1-300 printable ASCII characters`);
  if (!OPAQUE_ID.test(request.siteId)) throw new InvalidEvidenceRequest(at(`siteId ${JSON.stringify(request.siteId)} is not an opaque id`));
  const names = new Set<string>();
  return (request.artefacts ?? []).map((a, i) => {
    if (!ARTEFACT_PATH.test(a.name) || !ARTEFACT_FOLDER.test(a.name) || a.name.includes('..') || a.name.includes('//')) {
      throw new InvalidEvidenceRequest(at(`artefacts[${i}].name ${JSON.stringify(a.name)} must be a path under raw/, histories/ or reports/`));
    }
    if (names.has(a.name)) throw new InvalidEvidenceRequest(at(`artefacts[${i}].name ${a.name} appears twice`));
    names.add(a.name);
    if (a.bytes.length > MAX_ARTEFACT_BYTES) throw new InvalidEvidenceRequest(at(`artefacts[${i}] is ${a.bytes.length} bytes, more than ${MAX_ARTEFACT_BYTES}`));
    return { name: a.name, digest: { sha256: toHex(sha256(a.bytes)) } };
  });
}

/** SchemaError from the core's statement builder, restated for the producer. */
export function invalidStatement(request: EvidenceRequest, err: SchemaError): InvalidEvidenceRequest {
  return new InvalidEvidenceRequest(`evidence request ${JSON.stringify(request.requestKey)}: statement field ${err.pointer || '(root)'} ${err.problem}`);
}
