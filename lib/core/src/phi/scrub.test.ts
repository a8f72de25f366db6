import { describe, expect, it } from 'vitest';
import { PHI_IPS, PHI_NEGATIVES, PHI_POSITIVES } from './phi-corpus.js';
import { scrubPhi, scrubPhiText } from './scrub.js';

const opts = { scrubIps: true };

describe('PHI scrubber: corpus', () => {
  it.each(PHI_POSITIVES.map((c) => [c.text, c]))('redacts %j', (_text, c) => {
    const { value, report } = scrubPhiText(c.text, opts);
    for (const leak of c.leaks) expect(value).not.toContain(leak);
    for (const keep of c.keeps ?? []) expect(value).toContain(keep);
    for (const kind of c.kinds) expect(report[kind], `${kind} counted in ${value}`).toBeGreaterThan(0);
  });

  it.each(PHI_NEGATIVES.map((t) => [t]))('leaves host facts alone: %j', (text) => {
    const { value, redactions } = scrubPhiText(text, opts);
    expect(value).toBe(text);
    expect(redactions).toBe(0);
  });

  it.each(PHI_IPS.map((ip) => [ip]))('scrubs IP %s only when configured', (ip) => {
    const text = `peer ${ip} connected`;
    expect(scrubPhiText(text, { scrubIps: false }).value).toBe(text);
    const { value, report } = scrubPhiText(text, { scrubIps: true });
    expect(value).toBe('peer [IP_1] connected');
    expect(report.ip).toBe(1);
  });
});

describe('PHI scrubber: structures', () => {
  it('redacts whole values of PHI-named fields, recursing through arrays and objects', () => {
    const facts = {
      hostname: 'FRONTDESK-02',
      lastLoggedOnUser: 'CLINIC\\tnguyen',
      date_of_birth: '1961-04-12',
      Patient: { firstName: 'Ana', lastName: 'Ruiz', MRN: 4471, notes: ['called 555-867-5309'] },
      services: [{ name: 'Spooler', status: 'Stopped' }],
    };
    const { value, report } = scrubPhi(facts, opts);
    const text = JSON.stringify(value);
    for (const leak of ['tnguyen', '1961', 'Ana', 'Ruiz', '4471', '867-5309']) expect(text).not.toContain(leak);
    expect(value.hostname).toBe('FRONTDESK-02');
    expect(value.services).toEqual([{ name: 'Spooler', status: 'Stopped' }]);
    expect(report).toMatchObject({ account: 1, dob: 1, name: 2, mrn: 1, phone: 1 });
  });

  it('numbers placeholders per value, so repeated values stay recognisably the same', () => {
    const { value } = scrubPhi(['a@x.org', 'b@x.org', 'A@X.org'], opts);
    expect(value).toEqual(['[EMAIL_1]', '[EMAIL_2]', '[EMAIL_1]']);
  });

  it('scrubs object keys too (a map keyed by user names)', () => {
    const { value } = scrubPhi({ 'jane@clinic.org': { lastSeen: '2026-11-27' } }, opts);
    expect(Object.keys(value)).toEqual(['[EMAIL_1]']);
  });

  it('is idempotent: scrubbing scrubbed output changes nothing', () => {
    const once = scrubPhi({ text: 'MRN 00482913, DOB 04/12/1961, mail a@b.org', ssn: '123-45-6789' }, opts);
    const twice = scrubPhi(once.value, opts);
    expect(twice.value).toEqual(once.value);
    expect(twice.redactions).toBe(0);
  });

  it('replaces known site terms wherever they appear', () => {
    const { value } = scrubPhiText('share \\\\files\\Okonkwo-Family-Dental owned by okonkwo', { scrubIps: false, knownTerms: ['Okonkwo'] });
    expect(value).not.toMatch(/okonkwo/i);
  });

  it('cuts off structures deeper than the limit instead of passing them through', () => {
    let deep: unknown = { ssn: '123-45-6789' };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    const r = scrubPhi(deep, { scrubIps: false, maxDepth: 10 });
    expect(JSON.stringify(r.value)).not.toContain('6789');
    expect(r.truncated).toBe(1);
  });

  it('does not modify its input', () => {
    const input = { email: 'a@b.org', list: ['SSN 123-45-6789'] };
    const copy = structuredClone(input);
    scrubPhi(input, opts);
    expect(input).toEqual(copy);
  });
});
