import { describe, expect, it } from 'vitest';
import { FormReader } from './fields.js';

const form = (entries: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe('FormReader', () => {
  it('returns clean values and no errors for good input', () => {
    const r = new FormReader(form({ name: '  Ops  ', n: '42', kind: 'email', tags: ['a', 'b'] }));
    expect(r.text('name', 'Name', { max: 10 })).toBe('Ops');
    expect(r.integer('n', 'Count', { min: 1, max: 100 })).toBe(42);
    expect(r.oneOf('kind', 'Kind', ['email', 'webhook'] as const)).toBe('email');
    expect(r.all('tags')).toEqual(['a', 'b']);
    expect(r.ok).toBe(true);
  });

  it('names the field and the problem for each bad value', () => {
    const r = new FormReader(form({ name: '', long: 'x'.repeat(11), n: '4.5', kind: 'fax', bidi: 'a\u202eb', id: 'nope' }));
    r.text('name', 'Name', { max: 10 });
    r.text('long', 'Label', { max: 10 });
    r.integer('n', 'Count', { min: 1, max: 100 });
    r.oneOf('kind', 'Kind', ['email', 'webhook'] as const);
    r.text('bidi', 'Reason', { max: 10 });
    r.uuid('id', 'Site');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual({
      name: 'Name is required.',
      long: 'Label must be at most 10 characters.',
      n: 'Count must be a whole number.',
      kind: 'Kind must be one of email, webhook.',
      bidi: 'Reason contains control or invisible characters.',
      id: 'Site is not a valid id.',
    });
  });

  it('keeps only the first error per field and allows line breaks in paragraphs', () => {
    const r = new FormReader(form({ reason: 'line one\nline two' }));
    expect(r.paragraph('reason', 'Reason', { max: 100 })).toBe('line one\nline two');
    r.fail('reason', 'first');
    r.fail('reason', 'second');
    expect(r.errors['reason']).toBe('first');
  });

  it('range-checks integers', () => {
    const r = new FormReader(form({ n: '0' }));
    r.integer('n', 'Duration', { min: 15, max: 1440 });
    expect(r.errors['n']).toBe('Duration must be between 15 and 1440.');
  });
});
