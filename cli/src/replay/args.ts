import { parseArgs } from 'node:util';
import { UsageError } from '../command.js';

export interface ReplayArgs {
  /** An auditor kit (directory or .zip) or one history JSON file. */
  readonly input: string;
  /** A workflow bundle file to replay against (its SHA-256 must be the recorded one unless ignoreVersion). */
  readonly code?: string;
  /** Workflows source entry to bundle when no code for the recorded version is at hand. */
  readonly workflows?: string;
  /** Replay against the given code even when it is not the recorded version (a regression check). */
  readonly ignoreVersion: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { code: { type: 'string' }, workflows: { type: 'string' }, 'ignore-version': { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [input, extra] = parsed.positionals;
  if (!input) throw new UsageError('missing <kit or history.json>');
  if (extra) throw new UsageError(`unexpected argument "${extra}"`);
  const v = parsed.values;
  if (v.code && v.workflows) throw new UsageError('give --code or --workflows, not both');
  return {
    input,
    ...(v.code ? { code: v.code } : {}),
    ...(v.workflows ? { workflows: v.workflows } : {}),
    ignoreVersion: v['ignore-version'] ?? false,
    json: v.json ?? false,
    quiet: v.quiet ?? false,
  };
}
