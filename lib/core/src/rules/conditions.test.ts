import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionError, type Condition } from './conditions.js';
import { readDotPath } from './dot-path.js';

const finding = {
  runbookId: 'RB-WIN-AV-001',
  status: 'fail',
  output: { signatureAgeDays: 9, realTime: false, engine: '1.1.24010.10', profiles: ['Domain', 'Public'], lastBackup: null, tags: [{ k: 'a' }] },
};

const holds = (c: Condition) => compileCondition(c)(finding);

describe('dot paths', () => {
  it('follows objects and array indexes, own properties only', () => {
    expect(readDotPath(finding, 'output.profiles.1')).toEqual({ found: true, value: 'Public' });
    expect(readDotPath(finding, 'output.tags.0.k')).toEqual({ found: true, value: 'a' });
    expect(readDotPath(finding, 'output.profiles.2')).toEqual({ found: false });
    expect(readDotPath(finding, 'output.profiles.01')).toEqual({ found: false });
    expect(readDotPath(finding, 'output.toString')).toEqual({ found: false });
    expect(() => readDotPath(finding, 'output.__proto__')).toThrow(/reserved/);
    expect(() => readDotPath(finding, 'output..x')).toThrow(/empty segment/);
  });
});

describe('condition operators', () => {
  it('eq / ne compare without coercion and never match a missing field', () => {
    expect(holds({ path: 'status', op: 'eq', value: 'fail' })).toBe(true);
    expect(holds({ path: 'output.signatureAgeDays', op: 'eq', value: '9' })).toBe(false);
    expect(holds({ path: 'output.realTime', op: 'ne', value: true })).toBe(true);
    expect(holds({ path: 'output.missing', op: 'ne', value: 'x' })).toBe(false);
  });

  it('contains works on strings and lists', () => {
    expect(holds({ path: 'output.engine', op: 'contains', value: '24010' })).toBe(true);
    expect(holds({ path: 'output.profiles', op: 'contains', value: 'Public' })).toBe(true);
    expect(holds({ path: 'output.profiles', op: 'contains', value: 'Private' })).toBe(false);
    expect(holds({ path: 'output.signatureAgeDays', op: 'contains', value: 9 })).toBe(false);
  });

  it('regex tests strings only', () => {
    expect(holds({ path: 'output.engine', op: 'regex', value: '^1\\.1\\.\\d+' })).toBe(true);
    expect(holds({ path: 'output.signatureAgeDays', op: 'regex', value: '9' })).toBe(false);
  });

  it('numeric comparisons need numbers on both sides', () => {
    expect(holds({ path: 'output.signatureAgeDays', op: 'gt', value: 7 })).toBe(true);
    expect(holds({ path: 'output.signatureAgeDays', op: 'gte', value: 9 })).toBe(true);
    expect(holds({ path: 'output.signatureAgeDays', op: 'lt', value: 9 })).toBe(false);
    expect(holds({ path: 'output.signatureAgeDays', op: 'lte', value: 9 })).toBe(true);
    expect(holds({ path: 'output.engine', op: 'gt', value: 0 })).toBe(false);
  });

  it('in / not_in need the field present', () => {
    expect(holds({ path: 'status', op: 'in', value: ['fail', 'error'] })).toBe(true);
    expect(holds({ path: 'status', op: 'not_in', value: ['pass'] })).toBe(true);
    expect(holds({ path: 'nothing', op: 'not_in', value: ['pass'] })).toBe(false);
  });

  it('exists treats null as absent', () => {
    expect(holds({ path: 'output.engine', op: 'exists', value: true })).toBe(true);
    expect(holds({ path: 'output.lastBackup', op: 'exists', value: false })).toBe(true);
    expect(holds({ path: 'output.nothing', op: 'exists', value: false })).toBe(true);
    expect(holds({ path: 'output.nothing', op: 'exists', value: true })).toBe(false);
  });

  it('rejects bad conditions with the field at fault', () => {
    const fieldOf = (c: Condition) => {
      try {
        compileCondition(c);
      } catch (err) {
        return err instanceof ConditionError ? err.field : 'other';
      }
      return 'none';
    };
    expect(fieldOf({ path: 'a', op: 'gt', value: '5' })).toBe('value');
    expect(fieldOf({ path: 'a', op: 'regex', value: '(' })).toBe('value');
    expect(fieldOf({ path: 'a', op: 'in', value: [] })).toBe('value');
    expect(fieldOf({ path: 'a', op: 'exists', value: 'yes' })).toBe('value');
    expect(fieldOf({ path: '', op: 'eq', value: 1 })).toBe('path');
    expect(fieldOf({ path: 'a', op: 'like' as never, value: 1 })).toBe('op');
    expect(fieldOf({ path: 'a', op: 'eq', value: { x: 1 } })).toBe('value');
  });
});
