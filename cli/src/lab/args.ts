/** Argument parsing for `custos lab`: small and strict, every bad value named. */
import { UsageError } from '../command.js';
import { HOST_KINDS, MAX_HOSTS, type HostKind } from '@custos/lab';

export interface ServeArgs {
  hosts: number;
  kinds: HostKind[] | undefined;
  seed: number;
  stateDir: string | undefined;
  address: string;
  adminPort: number | undefined;
}

function int(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new UsageError(`${flag} needs an integer, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${flag} must be from ${min} to ${max}, got ${n}`);
  return n;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = { hosts: 0, kinds: undefined, seed: 1, stateDir: undefined, address: '127.0.0.1', adminPort: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--hosts':
        out.hosts = int('--hosts', value(), 1, MAX_HOSTS);
        break;
      case '--kinds': {
        const raw = value() ?? '';
        const kinds = raw.split(',').map((k) => k.trim());
        const bad = kinds.filter((k) => !HOST_KINDS.includes(k as HostKind));
        if (raw === '' || bad.length > 0) throw new UsageError(`--kinds takes a comma list of ${HOST_KINDS.join(', ')}; bad: ${bad.join(', ') || '(empty)'}`);
        out.kinds = kinds as HostKind[];
        break;
      }
      case '--seed':
        out.seed = int('--seed', value(), 0, 2 ** 31 - 1);
        break;
      case '--state-dir':
        out.stateDir = value();
        if (!out.stateDir) throw new UsageError('--state-dir needs a directory');
        break;
      case '--address': {
        const a = value() ?? '';
        if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a)) throw new UsageError(`--address must be a loopback IPv4 address (127.x.y.z), got "${a}"`);
        out.address = a;
        break;
      }
      case '--admin-port':
        out.adminPort = int('--admin-port', value(), 1, 65535);
        break;
      default:
        throw new UsageError(`unknown option "${flag}"`);
    }
  }
  if (out.hosts === 0) throw new UsageError('--hosts N is required');
  return out;
}
