/** Arguments of `custos controls coverage`. */
import { parseArgs } from 'node:util';
import type { Framework } from '@custos/runbooks';
import { UsageError } from '../command.js';

/** Accepted spellings of each framework on the command line. */
const ALIASES: Record<string, Framework> = {
  hipaa: 'hipaa',
  soc2: 'soc2',
  'soc-2': 'soc2',
  nistcsf: 'nistCsf',
  'nist-csf': 'nistCsf',
  csf: 'nistCsf',
  nist80053: 'nist80053',
  'nist-800-53': 'nist80053',
  '800-53': 'nist80053',
  cis: 'cisV8',
  cisv8: 'cisV8',
  'cis-v8': 'cisV8',
};

export interface CoverageArgs {
  readonly frameworks: Framework[] | undefined;
  readonly json: boolean;
  readonly details: boolean;
}

export function parseCoverageArgs(argv: string[]): CoverageArgs {
  const [sub, ...rest] = argv;
  if (sub !== 'coverage') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand');
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { framework: { type: 'string', multiple: true }, json: { type: 'boolean' }, details: { type: 'boolean' } }, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const frameworks = parsed.values.framework?.map((name) => {
    const fw = ALIASES[name.toLowerCase()];
    if (!fw) throw new UsageError(`unknown framework "${name}" (one of: hipaa, soc2, nist-csf, nist-800-53, cis)`);
    return fw;
  });
  return { frameworks, json: parsed.values.json ?? false, details: parsed.values.details ?? false };
}
