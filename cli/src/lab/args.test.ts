import { describe, expect, it } from 'vitest';
import { UsageError } from '../command.js';
import { parseServeArgs } from './args.js';

describe('custos lab serve arguments', () => {
  it('parses hosts, kinds, seed and state dir', () => {
    expect(parseServeArgs(['--hosts', '5', '--kinds', 'dc,workstation', '--seed', '42', '--state-dir', '/tmp/x'])).toEqual({
      hosts: 5,
      kinds: ['dc', 'workstation'],
      seed: 42,
      stateDir: '/tmp/x',
      address: '127.0.0.1',
      adminPort: undefined,
    });
  });

  it.each([
    [[], /--hosts N is required/],
    [['--hosts', 'many'], /--hosts needs an integer, got "many"/],
    [['--hosts', '1001'], /--hosts must be from 1 to 1000/],
    [['--hosts', '2', '--kinds', 'dc,laptop'], /bad: laptop/],
    [['--hosts', '2', '--address', '10.0.0.5'], /loopback/],
    [['--hosts', '2', '--frobnicate'], /unknown option "--frobnicate"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError);
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});
