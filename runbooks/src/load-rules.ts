/**
 * L1 rule files (runbooks/rules/*.yaml). The rule semantics and their own invariants are enforced
 * by @custos/core's compileL1Rules; here each rule is also joined with the runbooks: the runbook it
 * matches exists, a run_runbook target may run unattended (not alert-only, not approval-gated —
 * the original platform let L1 run flagged runbooks at any time), its params fit, and every
 * `output.*` path it reads is in that runbook's output schema.
 */
import { compileL1Rules, L1_FINDING_FIELDS, RuleSetError, type L1Rule, type L1RuleSet } from '@custos/core';
import type { ProblemList } from './problems.js';
import type { LoadedRunbook } from './runbook-checks.js';
import { schemaHasPath } from './output-schema.js';
import { catalogueValidators, checkAgainstSchema } from './schemas.js';
import type { RuleFileEntry } from './types.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

interface Located {
  readonly source: YamlSource;
  readonly index: number;
  readonly rule: L1Rule;
}

const toPath = (field: string): PathSegment[] => (field ? field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : []);

function crossCheck(entry: Located, runbooks: ReadonlyMap<string, LoadedRunbook>, knownIds: ReadonlySet<string>, problems: ProblemList): void {
  const { source, index, rule } = entry;
  const at = (path: PathSegment[], message: string) => source.problem(problems, ['rules', index, ...path], message);
  const pinned = rule.match.find((c) => c.path === 'runbookId' && c.op === 'eq')?.value as string | undefined;
  const target = pinned === undefined ? undefined : runbooks.get(pinned);
  // A runbook that exists but failed its own checks is already reported; don't pile on.
  if (pinned !== undefined && !target && !knownIds.has(pinned)) at(['match'], `matches runbook ${pinned}, which is not in the catalogue`);
  rule.match.forEach((c, i) => {
    const [head, ...rest] = c.path.split('.');
    if (!(L1_FINDING_FIELDS as readonly string[]).includes(head ?? '')) at(['match', i, 'path'], `findings have no field "${head}" (fields: ${L1_FINDING_FIELDS.join(', ')})`);
    else if (head === 'output' && target && rest.length > 0 && !schemaHasPath(target.runbook.check.output, rest.join('.'))) {
      at(['match', i, 'path'], `${target.runbook.id} output has no field "${rest.join('.')}"`);
    }
  });
  if (rule.action.kind !== 'run_runbook' || !target) return;
  const rb = target.runbook;
  if (rb.alertOnly) at(['action', 'runbook'], `${rb.id} is alert-only; escalate instead`);
  else if (rb.requiresApproval) at(['action', 'runbook'], `${rb.id} requires approval, so L1 may not run it; escalate instead`);
  try {
    target.params.resolve(rule.action.params);
  } catch (err) {
    at(['action', 'params'], (err as Error).message);
  }
}

export function checkRuleFiles(
  sources: readonly YamlSource[],
  runbooks: ReadonlyMap<string, LoadedRunbook>,
  knownIds: ReadonlySet<string>,
  problems: ProblemList,
): { entries: RuleFileEntry[]; ruleSet: L1RuleSet } | undefined {
  const before = problems.size;
  const located: Located[] = [];
  for (const source of sources) {
    if (!checkAgainstSchema(source, catalogueValidators().rules, source.value, problems)) continue;
    (source.value as { rules: L1Rule[] }).rules.forEach((rule, index) => located.push({ source, index, rule }));
  }
  let ruleSet: L1RuleSet | undefined;
  try {
    ruleSet = compileL1Rules(located.map((l) => l.rule));
  } catch (err) {
    if (!(err instanceof RuleSetError)) throw err;
    for (const p of err.problems) {
      const l = located[p.index];
      if (l) l.source.problem(problems, ['rules', l.index, ...toPath(p.field)], p.message);
    }
  }
  for (const entry of located) crossCheck(entry, runbooks, knownIds, problems);
  if (problems.size > before || !ruleSet) return undefined;
  return { entries: located.map((l) => ({ file: l.source.file, rule: l.rule })), ruleSet };
}
