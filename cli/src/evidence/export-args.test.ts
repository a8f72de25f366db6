import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './export-args.js';

const client = '0192f0c1-aaaa-7000-8000-000000000001';

describe('custos evidence export arguments', () => {
  it('takes whole days, with --to covering its whole day, and names a default output', () => {
    const a = parseExportArgs(['--client', client, '--from', '2026-11-01', '--to', '2026-11-30']);
    expect(a.from.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(a.to.toISOString()).toBe('2026-11-30T23:59:59.999Z');
    expect(a.out).toBe('custos-kit-0192f0c1-2026-11-01-2026-11-30');
  });

  it('takes RFC 3339 instants with a zone and an output zip', () => {
    const a = parseExportArgs(['--client', client, '--from', '2026-11-26T10:00:00+01:00', '--to', '2026-11-26T12:00:00Z', '--out', 'kit.zip', '--quiet']);
    expect([a.from.toISOString(), a.to.toISOString(), a.out, a.quiet]).toEqual(['2026-11-26T09:00:00.000Z', '2026-11-26T12:00:00.000Z', 'kit.zip', true]);
  });

  it('says exactly what is wrong', () => {
    expect(() => parseExportArgs(['--from', '2026-11-01', '--to', '2026-11-02'])).toThrow('--client needs the client id (a UUID)');
    expect(() => parseExportArgs(['--client', 'Dr Smith Dental', '--from', '2026-11-01', '--to', '2026-11-02'])).toThrow(/is not a client id/);
    expect(() => parseExportArgs(['--client', client, '--from', '2026-02-30', '--to', '2026-03-02'])).toThrow('--from 2026-02-30 is not a calendar date');
    expect(() => parseExportArgs(['--client', client, '--from', '2026-11-26T10:00:00', '--to', '2026-11-27'])).toThrow(/with a zone/);
    expect(() => parseExportArgs(['--client', client, '--from', '2026-11-27', '--to', '2026-11-26'])).toThrow('--from 2026-11-27 is after --to 2026-11-26');
    expect(() => parseExportArgs(['--client', client, '--from', '2026-11-27', '--to', '2026-11-28', '--bogus'])).toThrow(/bogus/);
  });
});
