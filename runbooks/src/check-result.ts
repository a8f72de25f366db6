/**
 * Judges a check's (or verify's) output: first against the runbook's output schema, then with its
 * pass rule under the effective params. Output that does not fit the schema is `invalid` — never a
 * pass — so a script that changed shape cannot turn a failing host green.
 */
import { compilePassRule } from '@custos/core';
import type { LoadedRunbook } from './runbook-checks.js';

export type CheckOutcome = { readonly status: 'pass' } | { readonly status: 'fail' } | { readonly status: 'invalid'; readonly problems: readonly string[] };

export function judgeOutput(entry: LoadedRunbook, phase: 'check' | 'verify', output: unknown, params: Readonly<Record<string, unknown>>): CheckOutcome {
  const validate = phase === 'check' ? entry.validateCheckOutput : entry.validateVerifyOutput;
  if (!validate(output)) {
    return { status: 'invalid', problems: (validate.errors ?? []).map((e) => `${e.instancePath || '(output)'} ${e.message ?? e.keyword}`) };
  }
  const rule = phase === 'verify' && entry.runbook.verify?.pass ? entry.runbook.verify.pass : entry.runbook.check.pass;
  return compilePassRule(rule, params)(output) ? { status: 'pass' } : { status: 'fail' };
}

/** The evidence fields of a check output, by their dot paths (absent fields are left out). */
export function pickEvidence(entry: LoadedRunbook, output: unknown): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const path of entry.runbook.evidence) {
    let v: unknown = output;
    for (const seg of path.split('.')) v = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, seg) ? (v as Record<string, unknown>)[seg] : undefined;
    if (v !== undefined) kept[path] = v;
  }
  return kept;
}
