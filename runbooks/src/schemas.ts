/**
 * JSON Schema validation with ajv (draft 2020-12). The published schemas in runbooks/schema/ are
 * the structural contract; ajv errors are turned into catalogue problems at the YAML line of the
 * field concerned.
 */
import { readFileSync } from 'node:fs';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ProblemList } from './problems.js';
import { pointerSegments, type PathSegment, type YamlSource } from './yaml-source.js';

const Ajv2020 = Ajv2020Module.default;
export type Ajv = InstanceType<typeof Ajv2020>;

/** An ajv for schemas written by catalogue authors (outputs, params): strict, so typos in keywords fail. */
export function newAuthoringAjv(opts: { useDefaults?: boolean } = {}): Ajv {
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: opts.useDefaults ?? false });
}

function loadSchema(name: string): object {
  return JSON.parse(readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8')) as object;
}

let validators: { runbook: ValidateFunction; rules: ValidateFunction; controls: ValidateFunction } | undefined;

export function catalogueValidators() {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    validators = {
      runbook: ajv.compile(loadSchema('runbook.schema.json')),
      rules: ajv.compile(loadSchema('rules.schema.json')),
      controls: ajv.compile(loadSchema('control-catalogue.schema.json')),
    };
  }
  return validators;
}

/** A readable sentence for one ajv error, plus where it points. */
export function describeAjvError(e: ErrorObject): { path: PathSegment[]; message: string; key: boolean } {
  const path = pointerSegments(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(p.additionalProperty)], message: 'unknown field', key: true };
    case 'required':
      return { path, message: `missing required field "${String(p.missingProperty)}"`, key: false };
    case 'dependentRequired':
      return { path, message: `"${String(p.property)}" also needs "${String(p.missingProperty)}"`, key: false };
    case 'enum':
      return { path, message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, key: false };
    case 'propertyNames':
      return { path: [...path, String(p.propertyName)], message: `invalid name "${String(p.propertyName)}"`, key: true };
    default:
      return { path, message: e.message ?? e.keyword, key: false };
  }
}

/** Validates `value` (found at `base` inside the source) and records every error; true when valid. */
export function checkAgainstSchema(
  source: YamlSource,
  validate: ValidateFunction,
  value: unknown,
  problems: ProblemList,
  base: readonly PathSegment[] = [],
): boolean {
  if (validate(value)) return true;
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    // propertyNames reports once for the name and once more for the wrapped keyword; keep the first.
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    const d = describeAjvError(e);
    const path = [...base, ...d.path];
    const key = `${path.join('.')}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    source.problem(problems, path, d.message, { key: d.key });
  }
  return false;
}
