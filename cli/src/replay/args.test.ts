import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from './args.js';

describe('custos replay arguments', () => {
  it('takes a kit or history and optional code', () => {
    expect(parseReplayArgs(['kit'])).toEqual({ input: 'kit', ignoreVersion: false, json: false, quiet: false });
    expect(parseReplayArgs(['h.json', '--code', 'b.js', '--ignore-version', '--json'])).toEqual({ input: 'h.json', code: 'b.js', ignoreVersion: true, json: true, quiet: false });
  });

  it('refuses what it cannot do', () => {
    expect(() => parseReplayArgs([])).toThrow('missing <kit or history.json>');
    expect(() => parseReplayArgs(['a', 'b'])).toThrow('unexpected argument "b"');
    expect(() => parseReplayArgs(['a', '--code', 'x', '--workflows', 'y'])).toThrow('give --code or --workflows, not both');
    expect(() => parseReplayArgs(['a', '--frobnicate'])).toThrow(/frobnicate/);
  });
});
