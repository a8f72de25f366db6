/**
 * Checks one schema-valid runbook beyond what JSON Schema can say, and compiles what later use
 * needs (params resolver, output validators, phase scripts). Every problem is recorded at the line
 * of the field concerned; nothing is returned when any problem was found.
 */
import { compilePassRule, ConditionError, passRuleLeaves, type PassRule } from '@custos/core';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { schemaHasPath } from './output-schema.js';
import { compileParamsResolver, ROLLBACK_BEFORE_PARAM, type ParamsResolver } from './params.js';
import type { ProblemList } from './problems.js';
import { newAuthoringAjv } from './schemas.js';
import { paramReferences, phaseScripts, type PhaseScript } from './scripts.js';
import type { JsonSchema, Phase, Runbook } from './types.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

export interface LoadedRunbook {
  readonly runbook: Runbook;
  readonly file: string;
  readonly source: YamlSource;
  readonly scripts: ReadonlyMap<Phase, PhaseScript>;
  readonly params: ParamsResolver;
  readonly rollbackParams: ParamsResolver | undefined;
  readonly validateCheckOutput: ValidateFunction;
  readonly validateVerifyOutput: ValidateFunction;
}

const outputAjv = newAuthoringAjv();

function compileSchema(source: YamlSource, problems: ProblemList, path: PathSegment[], schema: JsonSchema): ValidateFunction | undefined {
  try {
    return outputAjv.compile(schema);
  } catch (err) {
    source.problem(problems, path, `invalid JSON Schema: ${(err as Error).message}`);
    return undefined;
  }
}

function checkPassRule(source: YamlSource, problems: ProblemList, base: PathSegment[], pass: PassRule, output: JsonSchema, defaults: Record<string, unknown>): void {
  try {
    compilePassRule(pass, defaults);
  } catch (err) {
    if (!(err instanceof ConditionError)) throw err;
    const field = err.field ? err.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [];
    source.problem(problems, [...base, ...field], err.message);
    return;
  }
  for (const leaf of passRuleLeaves(pass)) {
    if (!schemaHasPath(output, leaf.path)) source.problem(problems, base, `pass rule reads "${leaf.path}", which the output schema does not define`);
  }
}

function checkScriptParams(source: YamlSource, problems: ProblemList, runbook: Runbook, phase: Phase, script: string): void {
  const declared = new Set(Object.keys(runbook.params));
  if (phase === 'rollback') declared.add(ROLLBACK_BEFORE_PARAM);
  const lower = new Map([...declared].map((n) => [n.toLowerCase(), n]));
  const scriptKey = phase === 'verify' ? 'verify' : phase;
  const base = source.locate([scriptKey, 'script']);
  for (const ref of paramReferences(script)) {
    let message: string | undefined;
    if (ref.dynamic) message = `reads params by computed name (${ref.name}); read $Params.<name> with a literal name`;
    else if (!declared.has(ref.name)) {
      const near = lower.get(ref.name.toLowerCase());
      message = near ? `$Params.${ref.name} differs in case from the declared parameter "${near}"` : `$Params.${ref.name} is not a declared parameter`;
    }
    if (message) problems.add({ file: source.file, line: base.line + ref.line, column: ref.column, field: `${scriptKey}.script`, message });
  }
}

export function checkRunbook(source: YamlSource, runbook: Runbook, problems: ProblemList): LoadedRunbook | undefined {
  const before = problems.size;
  const problem = (path: PathSegment[], message: string, key = false) => source.problem(problems, path, message, { key });
  const expectedFile = `${runbook.id}.yaml`;
  if (!source.file.endsWith(`/${expectedFile}`) && source.file !== expectedFile) problem(['id'], `file must be named ${expectedFile}`);

  if (runbook.alertOnly) {
    if (runbook.remediate) problem(['remediate'], 'an alert-only runbook has no remediate script', true);
    if (runbook.rollback) problem(['rollback'], 'an alert-only runbook has no rollback script', true);
    if (runbook.requiresApproval || runbook.disruptive || runbook.maintenanceWindow) problem(['alertOnly'], 'an alert-only runbook changes nothing, so it cannot be disruptive, need approval or wait for a window', true);
  } else if (!runbook.remediate) {
    problem(['alertOnly'], 'remediate is required unless alertOnly is true', true);
  }
  if (runbook.disruptive && !runbook.requiresApproval) problem(['requiresApproval'], 'a disruptive runbook must require approval', true);
  if (runbook.rollback && !runbook.remediate) problem(['rollback'], 'rollback needs a remediate to undo', true);

  let params: ParamsResolver | undefined;
  let rollbackParams: ParamsResolver | undefined;
  let defaults: Record<string, unknown> = {};
  try {
    params = compileParamsResolver(runbook.id, runbook.params);
    if (runbook.rollback) rollbackParams = compileParamsResolver(runbook.id, runbook.params, { rollback: true });
  } catch (err) {
    problem(['params'], `invalid parameter schema: ${(err as Error).message}`);
  }
  if (params) {
    try {
      defaults = params.resolve({});
    } catch (err) {
      problem(['params'], `defaults do not fit their own schema: ${(err as Error).message}`);
    }
  }

  const validateCheckOutput = compileSchema(source, problems, ['check', 'output'], runbook.check.output);
  checkPassRule(source, problems, ['check', 'pass'], runbook.check.pass, runbook.check.output, defaults);
  let validateVerifyOutput = validateCheckOutput;
  if (runbook.verify) {
    const { output, pass } = runbook.verify;
    if ((output === undefined) !== (pass === undefined)) problem(['verify'], 'give verify both output and pass, or neither (then the check\'s are used)');
    if (output) validateVerifyOutput = compileSchema(source, problems, ['verify', 'output'], output);
    if (pass) checkPassRule(source, problems, ['verify', 'pass'], pass, output ?? runbook.check.output, defaults);
  }
  runbook.evidence.forEach((path, i) => {
    if (!schemaHasPath(runbook.check.output, path)) problem(['evidence', i], `evidence field "${path}" is not in the check output schema`);
  });

  const scripts = phaseScripts(runbook);
  for (const [phase, script] of scripts) {
    if (phase === 'verify' && !runbook.verify) continue;
    checkScriptParams(source, problems, runbook, phase, script.body);
  }

  if (problems.size > before || !params || !validateCheckOutput || !validateVerifyOutput) return undefined;
  return { runbook, file: source.file, source, scripts, params, rollbackParams, validateCheckOutput, validateVerifyOutput };
}
