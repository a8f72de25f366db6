import { UsageError } from '../command.js';

export interface VerifyArgs {
  readonly kitDir: string;
  readonly trustRoots: string[];
  readonly json: boolean;
  readonly quiet: boolean;
}

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  const trustRoots: string[] = [];
  let kitDir: string | undefined;
  let json = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--trust-root') {
      const id = argv[++i];
      if (!id || !/^[0-9a-f]{64}$/.test(id)) throw new UsageError('--trust-root needs a key id (64 lowercase hex digits)');
      trustRoots.push(id);
    } else if (a === '--json') json = true;
    else if (a === '--quiet') quiet = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (kitDir === undefined) kitDir = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!kitDir) throw new UsageError('missing <kit-dir>');
  return { kitDir, trustRoots, json, quiet };
}
