import { describe, expect, it } from 'vitest';
import { parsePostureArgs } from './args.js';

const client = '0192f0c1-aaaa-7000-8000-000000000001';

describe('custos posture arguments', () => {
  it('reads a day as its end, or an instant', () => {
    expect(parsePostureArgs(['--client', client, '--as-of', '2026-11-30']).asOf.toISOString()).toBe('2026-11-30T23:59:59.999Z');
    expect(parsePostureArgs(['--client', client, '--as-of', '2026-11-30T08:00:00Z', '--kit', 'k', '--json'])).toMatchObject({ kit: 'k', json: true });
  });
  it('names what is missing', () => {
    expect(() => parsePostureArgs(['--client', client])).toThrow('--as-of needs a date');
    expect(() => parsePostureArgs(['--as-of', '2026-11-30'])).toThrow('--client needs the client id');
  });
});
