import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../command.js';
import { parseClientId } from '../evidence/dates.js';

export type PacketArgs =
  | { readonly action: 'generate'; readonly clientId: string; readonly month: string; readonly out: string }
  | { readonly action: 'schedule'; readonly clientIds: readonly string[] | 'all'; readonly remove: boolean };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function parse(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false }).values as Record<string, string | boolean | string[] | undefined>;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function parsePacketArgs(argv: readonly string[], now = new Date()): PacketArgs {
  const [action, ...rest] = argv;
  if (action === 'generate') {
    const v = parse(rest, { client: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' } });
    const month = v.month as string | undefined;
    if (!month || !MONTH.test(month)) throw new UsageError(`--month needs a calendar month as YYYY-MM${month ? `, not ${JSON.stringify(month)}` : ''}`);
    const [y, m] = month.split('-').map(Number) as [number, number];
    if (now.getTime() < Date.UTC(y, m, 1)) throw new UsageError(`--month ${month} is not over yet; packets cover finished months`);
    return { action, clientId: parseClientId(v.client as string | undefined), month, out: (v.out as string | undefined) ?? '.' };
  }
  if (action === 'schedule') {
    const v = parse(rest, { client: { type: 'string', multiple: true }, all: { type: 'boolean' }, remove: { type: 'boolean' } });
    const clients = (v.client as string[] | undefined) ?? [];
    if (v.all === true && clients.length > 0) throw new UsageError('give --all or --client, not both');
    if (v.all !== true && clients.length === 0) throw new UsageError('schedule needs --client <id> (repeatable) or --all');
    return { action, clientIds: v.all === true ? 'all' : clients.map((c) => parseClientId(c)), remove: v.remove === true };
  }
  throw new UsageError(action ? `unknown action "${action}" (generate or schedule)` : 'missing action (generate or schedule)');
}
