import { parseArgs } from 'node:util';
import { UsageError } from '../command.js';
import { parseClientId, parseInstant } from './dates.js';

export interface ExportArgs {
  readonly clientId: string;
  readonly from: Date;
  readonly to: Date;
  /** A directory (must not exist or be empty) or a file ending in .zip. */
  readonly out: string;
  readonly quiet: boolean;
}

export function parseExportArgs(argv: readonly string[]): ExportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: { client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  const clientId = parseClientId(v.client);
  const from = parseInstant('--from', v.from, false);
  const to = parseInstant('--to', v.to, true);
  if (from.getTime() > to.getTime()) throw new UsageError(`--from ${v.from} is after --to ${v.to}`);
  const out = v.out ?? `custos-kit-${clientId.slice(0, 8)}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}`;
  return { clientId, from, to, out, quiet: v.quiet ?? false };
}
