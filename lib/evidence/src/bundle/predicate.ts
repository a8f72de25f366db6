import { ARTEFACT_PATH, DECIMAL, EVIDENCE_KINDS, HEX64, OPAQUE_ID, SchemaError, STATEMENT_TYPE, UTC_TIME, UUID, WORKFLOW_ID } from './schema.js';
import { arr, digestRef, obj, onlyKeys, oneOf, str } from './schema.js';
import type { EvidenceKind } from './schema.js';

// The evidence predicate (reference/evidence.md §7.1) plus the per-kind sections. Every identifier is
// opaque; anything larger or sensitive (raw scan output, workflow histories, reports) is a subject,
// referenced by digest and stored beside the bundle.

export interface Subject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface ControlResult {
  readonly id: string;
  readonly result: 'pass' | 'fail' | 'na';
  readonly host?: string;
  readonly evidence?: readonly string[];
  /** Catalogue text for a failure (e.g. "audit log retention < 6y"), never data read from a host. */
  readonly finding?: string;
}

export interface HealSection {
  readonly ofRun: string;
  readonly tier: 'L1' | 'L2' | 'L3';
  readonly actions: readonly { readonly runbook: string; readonly host: string; readonly result: 'applied' | 'failed' | 'skipped' }[];
  readonly verified: boolean;
  readonly before?: { readonly sha256: string };
  readonly after?: { readonly sha256: string };
}

export interface ApprovalSection {
  readonly ofRun: string;
  readonly planSha256: string;
  readonly decision: 'approved' | 'rejected';
  readonly approver: string;
  readonly decidedAt: string;
}

/** A closed Temporal workflow; the history JSON itself is a subject. */
export interface HistorySection {
  readonly workflowType: string;
  readonly workflowId: string;
  readonly workflowRunId: string;
  readonly status: 'completed' | 'failed' | 'canceled' | 'terminated' | 'timed_out' | 'continued_as_new';
  readonly eventCount: string;
  /** The workflow code that ran: the worker bundle's hash and/or the build id, so `replay` can pick it. */
  readonly workflowBundle: { readonly sha256?: string; readonly buildId?: string };
}

export interface ReportSection {
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly frameworks: readonly string[];
}

export interface EvidencePredicate {
  readonly schema: 1;
  readonly kind: EvidenceKind;
  readonly tenant: string;
  readonly site: string;
  /** Log index in the site log, decimal string. */
  readonly seq: string;
  /** Hex SHA-256 of the previous envelope in this site log, or 64 zeros for seq 0. */
  readonly prev: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly agent: { readonly name: string; readonly version: string; readonly buildDigest: string };
  readonly controls?: readonly ControlResult[];
  readonly heal?: HealSection;
  readonly approval?: ApprovalSection;
  readonly history?: HistorySection;
  readonly report?: ReportSection;
}

export interface EvidenceStatement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly Subject[];
  readonly predicateType: string;
  readonly predicate: EvidencePredicate;
}

const SECTION_OF: Record<EvidenceKind, 'controls' | 'heal' | 'approval' | 'history' | 'report'> = {
  scan: 'controls',
  heal: 'heal',
  approval: 'approval',
  history: 'history',
  report: 'report',
};

function controls(v: unknown, at: string): void {
  arr(v, at).forEach((c, i) => {
    const p = `${at}/${i}`;
    const o = obj(c, p);
    onlyKeys(o, p, ['id', 'result', 'host', 'evidence', 'finding']);
    str(o.id, `${p}/id`, /^[A-Za-z0-9][A-Za-z0-9().:_ -]{0,63}$/, 'a control id');
    oneOf(o.result, `${p}/result`, ['pass', 'fail', 'na']);
    if (o.host !== undefined) str(o.host, `${p}/host`, OPAQUE_ID, 'an opaque id');
    if (o.evidence !== undefined) arr(o.evidence, `${p}/evidence`).forEach((e, j) => str(e, `${p}/evidence/${j}`, ARTEFACT_PATH, 'an artefact path'));
    if (o.finding !== undefined) str(o.finding, `${p}/finding`);
  });
}

function heal(v: unknown, at: string): void {
  const o = obj(v, at);
  onlyKeys(o, at, ['ofRun', 'tier', 'actions', 'verified', 'before', 'after']);
  str(o.ofRun, `${at}/ofRun`, UUID, 'a UUID');
  oneOf(o.tier, `${at}/tier`, ['L1', 'L2', 'L3']);
  arr(o.actions, `${at}/actions`).forEach((a, i) => {
    const p = `${at}/actions/${i}`;
    const ao = obj(a, p);
    onlyKeys(ao, p, ['runbook', 'host', 'result']);
    str(ao.runbook, `${p}/runbook`, /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a runbook id');
    str(ao.host, `${p}/host`, OPAQUE_ID, 'an opaque id');
    oneOf(ao.result, `${p}/result`, ['applied', 'failed', 'skipped']);
  });
  if (typeof o.verified !== 'boolean') throw new SchemaError(`${at}/verified`, 'must be a boolean');
  if (o.before !== undefined) digestRef(o.before, `${at}/before`);
  if (o.after !== undefined) digestRef(o.after, `${at}/after`);
}

function approval(v: unknown, at: string): void {
  const o = obj(v, at);
  onlyKeys(o, at, ['ofRun', 'planSha256', 'decision', 'approver', 'decidedAt']);
  str(o.ofRun, `${at}/ofRun`, UUID, 'a UUID');
  str(o.planSha256, `${at}/planSha256`, HEX64, '64 lowercase hex digits');
  oneOf(o.decision, `${at}/decision`, ['approved', 'rejected']);
  str(o.approver, `${at}/approver`, OPAQUE_ID, 'an opaque id');
  str(o.decidedAt, `${at}/decidedAt`, UTC_TIME, 'an RFC 3339 UTC time');
}

function history(v: unknown, at: string): void {
  const o = obj(v, at);
  onlyKeys(o, at, ['workflowType', 'workflowId', 'workflowRunId', 'status', 'eventCount', 'workflowBundle']);
  str(o.workflowType, `${at}/workflowType`, /^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a workflow type name');
  str(o.workflowId, `${at}/workflowId`, WORKFLOW_ID, 'a workflow id (an opaque id, optionally with a Schedule time suffix)');
  str(o.workflowRunId, `${at}/workflowRunId`, UUID, 'a UUID');
  oneOf(o.status, `${at}/status`, ['completed', 'failed', 'canceled', 'terminated', 'timed_out', 'continued_as_new']);
  str(o.eventCount, `${at}/eventCount`, DECIMAL, 'a decimal string');
  const b = obj(o.workflowBundle, `${at}/workflowBundle`);
  onlyKeys(b, `${at}/workflowBundle`, ['sha256', 'buildId']);
  if (b.sha256 === undefined && b.buildId === undefined) throw new SchemaError(`${at}/workflowBundle`, 'needs sha256 or buildId');
  if (b.sha256 !== undefined) str(b.sha256, `${at}/workflowBundle/sha256`, HEX64, '64 lowercase hex digits');
  if (b.buildId !== undefined) str(b.buildId, `${at}/workflowBundle/buildId`, /^[A-Za-z0-9][A-Za-z0-9._:+@/-]{0,127}$/, 'a build id');
}

function report(v: unknown, at: string): void {
  const o = obj(v, at);
  onlyKeys(o, at, ['periodFrom', 'periodTo', 'frameworks']);
  str(o.periodFrom, `${at}/periodFrom`, UTC_TIME, 'an RFC 3339 UTC time');
  str(o.periodTo, `${at}/periodTo`, UTC_TIME, 'an RFC 3339 UTC time');
  arr(o.frameworks, `${at}/frameworks`).forEach((f, i) => str(f, `${at}/frameworks/${i}`, /^[a-z0-9][a-z0-9-]{0,31}$/, 'a framework id'));
}

const SECTION_CHECKS = { controls, heal, approval, history, report };

/** Throws SchemaError (with a JSON pointer) unless `value` is a well-formed evidence statement. */
export function validateStatement(value: unknown, expectedPredicateType?: (kind: EvidenceKind) => string): EvidenceStatement {
  const s = obj(value, '');
  onlyKeys(s, '', ['_type', 'subject', 'predicateType', 'predicate']);
  if (s._type !== STATEMENT_TYPE) throw new SchemaError('/_type', `must be ${STATEMENT_TYPE}`);
  arr(s.subject, '/subject').forEach((sub, i) => {
    const o = obj(sub, `/subject/${i}`);
    onlyKeys(o, `/subject/${i}`, ['name', 'digest']);
    str(o.name, `/subject/${i}/name`, ARTEFACT_PATH, 'an artefact path');
    digestRef(o.digest, `/subject/${i}/digest`);
  });
  const predicateType = str(s.predicateType, '/predicateType', /^https:\/\/[^\s]{1,200}$/, 'an https URI');
  const p = obj(s.predicate, '/predicate');
  onlyKeys(p, '/predicate', ['schema', 'kind', 'tenant', 'site', 'seq', 'prev', 'runId', 'startedAt', 'finishedAt', 'agent', ...Object.values(SECTION_OF)]);
  if (p.schema !== 1) throw new SchemaError('/predicate/schema', 'must be 1');
  const kind = oneOf(p.kind, '/predicate/kind', EVIDENCE_KINDS);
  if (expectedPredicateType && predicateType !== expectedPredicateType(kind)) {
    throw new SchemaError('/predicateType', `must be ${expectedPredicateType(kind)} for kind ${kind}`);
  }
  str(p.tenant, '/predicate/tenant', OPAQUE_ID, 'an opaque id');
  str(p.site, '/predicate/site', OPAQUE_ID, 'an opaque id');
  str(p.seq, '/predicate/seq', DECIMAL, 'a decimal string');
  str(p.prev, '/predicate/prev', HEX64, '64 lowercase hex digits');
  str(p.runId, '/predicate/runId', UUID, 'a UUID');
  const started = str(p.startedAt, '/predicate/startedAt', UTC_TIME, 'an RFC 3339 UTC time');
  const finished = str(p.finishedAt, '/predicate/finishedAt', UTC_TIME, 'an RFC 3339 UTC time');
  if (Date.parse(finished) < Date.parse(started)) throw new SchemaError('/predicate/finishedAt', 'is before startedAt');
  const agent = obj(p.agent, '/predicate/agent');
  onlyKeys(agent, '/predicate/agent', ['name', 'version', 'buildDigest']);
  str(agent.name, '/predicate/agent/name', /^[a-z0-9][a-z0-9._-]{0,63}$/, 'a component name');
  str(agent.version, '/predicate/agent/version', /^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/, 'a version');
  str(agent.buildDigest, '/predicate/agent/buildDigest', /^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex>');
  const section = SECTION_OF[kind];
  for (const other of Object.values(SECTION_OF)) {
    if (other !== section && p[other] !== undefined) throw new SchemaError(`/predicate/${other}`, `is not allowed for kind ${kind}`);
  }
  if (p[section] === undefined) throw new SchemaError(`/predicate/${section}`, `is required for kind ${kind}`);
  SECTION_CHECKS[section](p[section], `/predicate/${section}`);
  return value as EvidenceStatement;
}
