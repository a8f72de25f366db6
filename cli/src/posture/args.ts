import { parseArgs } from 'node:util';
import { UsageError } from '../command.js';
import { parseClientId, parseInstant } from '../evidence/dates.js';

export interface PostureArgs {
  readonly clientId: string;
  readonly asOf: Date;
  /** Reconstruct from an auditor kit instead of the live store. */
  readonly kit?: string;
  readonly json: boolean;
  readonly quiet: boolean;
}

export function parsePostureArgs(argv: readonly string[]): PostureArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { client: { type: 'string' }, 'as-of': { type: 'string' }, kit: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  return {
    clientId: parseClientId(v.client),
    // A day means its end: "as of 2026-11-30" includes what happened that day.
    asOf: parseInstant('--as-of', v['as-of'], true),
    ...(v.kit ? { kit: v.kit } : {}),
    json: v.json ?? false,
    quiet: v.quiet ?? false,
  };
}
