/**
 * The condition language shared by L1 rules and runbook pass rules: one field (dot path), one
 * operator, one expected value. Conditions are compiled once (regexes built, values type-checked),
 * so evaluating a finding does no parsing and cannot throw.
 *
 * Semantics are fail-closed: a missing field matches nothing except `exists: false`, and
 * comparisons never coerce types (`"5"` is not greater than `4`).
 */
import { parseDotPath, readSegments } from './dot-path.js';

export const CONDITION_OPS = ['eq', 'ne', 'contains', 'regex', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type Scalar = string | number | boolean | null;

export interface Condition {
  readonly path: string;
  readonly op: ConditionOp;
  readonly value?: unknown;
}

export type CompiledCondition = (subject: unknown) => boolean;

/** A rule or pass rule that cannot be compiled; `field` is relative to the condition (`value`, `op`, `path`). */
export class ConditionError extends Error {
  override readonly name = 'ConditionError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function expectScalar(op: ConditionOp, value: unknown): Scalar {
  if (!isScalar(value)) throw new ConditionError('value', `${op} needs a string, finite number, boolean or null`);
  return value;
}

function expectNumber(op: ConditionOp, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConditionError('value', `${op} needs a finite number`);
  return value;
}

function expectScalarList(op: ConditionOp, value: unknown): ReadonlySet<Scalar> {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) {
    throw new ConditionError('value', `${op} needs a non-empty list of strings, numbers, booleans or nulls`);
  }
  return new Set(value);
}

export function compileCondition(condition: Condition): CompiledCondition {
  if (condition === null || typeof condition !== 'object') throw new ConditionError('', 'condition must be an object');
  let segments: readonly string[];
  try {
    segments = parseDotPath(condition.path);
  } catch (err) {
    throw new ConditionError('path', (err as Error).message);
  }
  const { op, value } = condition;
  const read = (subject: unknown) => readSegments(subject, segments);
  switch (op) {
    case 'eq': {
      const expected = expectScalar(op, value);
      return (s) => {
        const r = read(s);
        return r.found && r.value === expected;
      };
    }
    case 'ne': {
      const expected = expectScalar(op, value);
      return (s) => {
        const r = read(s);
        return r.found && r.value !== expected;
      };
    }
    case 'contains': {
      const expected = expectScalar(op, value);
      return (s) => {
        const r = read(s);
        if (!r.found) return false;
        if (typeof r.value === 'string') return typeof expected === 'string' && r.value.includes(expected);
        if (Array.isArray(r.value)) return r.value.includes(expected);
        return false;
      };
    }
    case 'regex': {
      if (typeof value !== 'string' || value.length === 0) throw new ConditionError('value', 'regex needs a non-empty pattern string');
      let re: RegExp;
      try {
        re = new RegExp(value, 'u');
      } catch (err) {
        throw new ConditionError('value', `invalid regex: ${(err as Error).message}`);
      }
      return (s) => {
        const r = read(s);
        return r.found && typeof r.value === 'string' && re.test(r.value);
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = expectNumber(op, value);
      const cmp =
        op === 'gt' ? (x: number) => x > bound : op === 'gte' ? (x: number) => x >= bound : op === 'lt' ? (x: number) => x < bound : (x: number) => x <= bound;
      return (s) => {
        const r = read(s);
        return r.found && typeof r.value === 'number' && cmp(r.value);
      };
    }
    case 'in':
    case 'not_in': {
      const set = expectScalarList(op, value);
      const wanted = op === 'in';
      return (s) => {
        const r = read(s);
        return r.found && isScalar(r.value) && set.has(r.value) === wanted;
      };
    }
    case 'exists': {
      if (typeof value !== 'boolean') throw new ConditionError('value', 'exists needs true or false');
      // null counts as absent: a check that reports `"lastBackup": null` has no last backup.
      return (s) => {
        const r = read(s);
        return (r.found && r.value !== null) === value;
      };
    }
    default:
      throw new ConditionError('op', `unknown operator "${String(op)}" (expected one of ${CONDITION_OPS.join(', ')})`);
  }
}
