// Shape checks for our in-toto predicates. Used by the producer (buildBundle refuses bad input) and by
// the verifier (a signed statement that does not fit is reported, with the JSON pointer of the problem).

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export const EVIDENCE_KINDS = ['scan', 'heal', 'approval', 'history', 'report'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const PREDICATE_NAMES: Record<EvidenceKind, string> = {
  scan: 'hipaa-scan',
  heal: 'hipaa-heal',
  approval: 'approval',
  history: 'workflow-history',
  report: 'compliance-report',
};

/** `https://<domain>/attestations/<name>/v1`; the version is bumped when the predicate changes shape. */
export function predicateTypeFor(domain: string, kind: EvidenceKind): string {
  return `https://${domain}/attestations/${PREDICATE_NAMES[kind]}/v1`;
}

/** The kind a predicate type names, if it is one of ours for `domain`. */
export function kindOfPredicateType(domain: string, predicateType: string): EvidenceKind | undefined {
  return EVIDENCE_KINDS.find((k) => predicateTypeFor(domain, k) === predicateType);
}

export const ZERO_DIGEST = '0'.repeat(64);

// Opaque ids only: lowercase, digits and separators. Practice or person names (spaces, capitals) do not fit,
// which keeps PHI and customer names out of evidence by construction.
export const OPAQUE_ID = /^[a-z0-9][a-z0-9_.:-]{0,127}$/;
// Workflow ids are built by Custos from opaque ids; a Temporal Schedule appends the scheduled time
// (`-2026-11-01T02:00:00Z`) to the ids of the runs it starts, so that one suffix may carry capitals.
export const WORKFLOW_ID = /^[a-z0-9][a-z0-9_.:-]{0,127}(-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)?$/;
export const HEX64 = /^[0-9a-f]{64}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// RFC 3339 UTC, second or millisecond precision.
export const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
export const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;
// Subject names and evidence references are paths inside the evidence store, never free text.
export const ARTEFACT_PATH = /^[a-z0-9][a-zA-Z0-9_.:/#@-]{0,255}$/;
const SHORT_TEXT_MAX = 256;

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`${pointer || '(root)'}: ${problem}`);
  }
}

type Obj = Record<string, unknown>;

export function obj(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError(at, 'must be an object');
  return v as Obj;
}

export function arr(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new SchemaError(at, 'must be an array');
  return v;
}

export function str(v: unknown, at: string, pattern?: RegExp, what?: string): string {
  if (typeof v !== 'string') throw new SchemaError(at, 'must be a string');
  if (pattern && !pattern.test(v)) throw new SchemaError(at, `must be ${what ?? `a string matching ${pattern}`}, got ${JSON.stringify(v.slice(0, 80))}`);
  if (!pattern && v.length > SHORT_TEXT_MAX) throw new SchemaError(at, `must be at most ${SHORT_TEXT_MAX} characters`);
  return v;
}

export function oneOf<T extends string>(v: unknown, at: string, values: readonly T[]): T {
  if (typeof v !== 'string' || !values.includes(v as T)) throw new SchemaError(at, `must be one of ${values.join(', ')}`);
  return v as T;
}

export function onlyKeys(o: Obj, at: string, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new SchemaError(`${at}/${k}`, 'is not an allowed field');
}

export function digestRef(v: unknown, at: string): { sha256: string } {
  const o = obj(v, at);
  onlyKeys(o, at, ['sha256']);
  return { sha256: str(o.sha256, `${at}/sha256`, HEX64, '64 lowercase hex digits') };
}
