/**
 * Which runbooks the planner may offer the model for one finding, and how each is described. Only
 * runbooks that can remediate (not alert-only, with a remediate phase) on this kind of host are
 * offered; the failing runbook comes first. The model can only pick from this list: the response
 * schema's enum is built from it and the judge checks against it again.
 */
import type { Catalogue, ParamSpec, Runbook } from '@custos/runbooks';
import type { HostKindName } from './contract.js';

/** Enough choice for the model, small enough to keep the prompt (and the bill) bounded. */
export const MAX_CANDIDATES = 20;

export function plannerCandidates(catalogue: Catalogue, failing: { runbookId: string; hostKind?: HostKindName }): Runbook[] {
  const remediable = catalogue.runbooks.filter(
    (r) => !r.alertOnly && r.remediate !== undefined && (failing.hostKind === undefined || r.hostKinds.includes(failing.hostKind)),
  );
  const own = remediable.find((r) => r.id === failing.runbookId);
  const category = catalogue.runbook(failing.runbookId)?.category;
  const rest = remediable
    .filter((r) => r.id !== failing.runbookId)
    .sort((a, b) => Number(b.category === category) - Number(a.category === category) || a.id.localeCompare(b.id));
  return [...(own ? [own] : []), ...rest].slice(0, MAX_CANDIDATES);
}

/** What the model reads about a runbook: no scripts, just purpose, risk and parameters. */
export function describeCandidate(r: Runbook) {
  return {
    id: r.id,
    title: r.title,
    description: r.description.length > 400 ? `${r.description.slice(0, 397)}...` : r.description,
    category: r.category,
    severity: r.severity,
    disruptive: r.disruptive,
    requiresApproval: r.requiresApproval,
    params: Object.fromEntries(
      Object.entries(r.params).map(([name, spec]) => [name, { type: spec.type, description: spec.description, default: spec.default, ...constraintsOf(spec) }]),
    ),
  };
}

function constraintsOf(spec: ParamSpec): Record<string, unknown> {
  const keep = ['enum', 'minimum', 'maximum', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'items'] as const;
  return Object.fromEntries(keep.filter((k) => spec[k] !== undefined).map((k) => [k, spec[k]]));
}

/** Keywords structured outputs accept in strict mode; the catalogue's own validator enforces the rest afterwards. */
const STRICT_KEYWORDS = ['type', 'description', 'enum', 'const', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems'];

/**
 * A param's JSON Schema reduced to what strict structured outputs allow. Every param is made
 * nullable: strict mode requires every property, and `null` is how the model says "use the
 * default" (the judge drops nulls before validation).
 */
export function strictParamSchema(spec: Readonly<Record<string, unknown>>, nullable: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of STRICT_KEYWORDS) if (spec[k] !== undefined) out[k] = spec[k];
  if (spec.type === 'array') out.items = spec.items && typeof spec.items === 'object' ? strictParamSchema(spec.items as Record<string, unknown>, false) : { type: 'string' };
  if (spec.type === 'object') Object.assign(out, { properties: {}, required: [], additionalProperties: false });
  if (nullable) {
    const types = Array.isArray(out.type) ? (out.type as string[]) : [out.type as string];
    out.type = [...types.filter((t) => t !== 'null'), 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}
