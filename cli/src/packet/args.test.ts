import { describe, expect, it } from 'vitest';
import { UsageError } from '../command.js';
import { parsePacketArgs } from './args.js';

const C = '0192f0c1-0000-7000-8000-0000000000aa';
const now = new Date('2026-11-26T12:00:00Z');

describe('custos packet arguments', () => {
  it('generate: client, finished month and output folder', () => {
    expect(parsePacketArgs(['generate', '--client', C, '--month', '2026-10'], now)).toEqual({ action: 'generate', clientId: C, month: '2026-10', out: '.' });
    expect(parsePacketArgs(['generate', '--client', C, '--month', '2026-10', '--out', 'packets'], now)).toMatchObject({ out: 'packets' });
  });

  it('generate: refuses months that are malformed or not over, and bad client ids, saying which', () => {
    expect(() => parsePacketArgs(['generate', '--client', C, '--month', '2026-11'], now)).toThrow('--month 2026-11 is not over yet');
    expect(() => parsePacketArgs(['generate', '--client', C, '--month', '2026-13'], now)).toThrow('--month needs a calendar month as YYYY-MM, not "2026-13"');
    expect(() => parsePacketArgs(['generate', '--client', C], now)).toThrow('--month needs a calendar month as YYYY-MM');
    expect(() => parsePacketArgs(['generate', '--client', 'Clinic', '--month', '2026-10'], now)).toThrow('--client "Clinic" is not a client id');
    expect(() => parsePacketArgs(['generate', '--client', C, '--month', '2026-10', '--colour', 'red'], now)).toThrow(UsageError);
  });

  it('schedule: named clients or all of them, or removal', () => {
    expect(parsePacketArgs(['schedule', '--client', C, '--client', C], now)).toEqual({ action: 'schedule', clientIds: [C, C], remove: false });
    expect(parsePacketArgs(['schedule', '--all', '--remove'], now)).toEqual({ action: 'schedule', clientIds: 'all', remove: true });
    expect(() => parsePacketArgs(['schedule'], now)).toThrow('schedule needs --client <id> (repeatable) or --all');
    expect(() => parsePacketArgs(['schedule', '--all', '--client', C], now)).toThrow('give --all or --client, not both');
  });

  it('names the actions when given none or another', () => {
    expect(() => parsePacketArgs([], now)).toThrow('missing action (generate or schedule)');
    expect(() => parsePacketArgs(['print'], now)).toThrow('unknown action "print"');
  });
});
