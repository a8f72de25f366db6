import { ConfigError, type EnvVar } from './env-var.js';
import { vars, type VarKey } from './variables.js';

type Env = Readonly<Record<string, string | undefined>>;
type ValueOf<K extends VarKey> = (typeof vars)[K] extends EnvVar<infer T> ? T : never;
export type ConfigOf<K extends VarKey> = { readonly [P in K]: ValueOf<P> };

/** Thrown when one or more variables are missing or malformed; lists every problem, one per line. */
export class ConfigErrors extends Error {
  override readonly name = 'ConfigErrors';
  constructor(readonly problems: readonly ConfigError[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

function readOne<T>(v: EnvVar<T>, env: Env, production: boolean): T {
  const raw = env[v.name];
  if (raw !== undefined && raw !== '') return v.parse(raw);
  if (v.fallback !== undefined) return v.parse(v.fallback);
  if (v.devDefault !== undefined && !production) return v.parse(v.devDefault);
  if (v.optional) return undefined as T;
  throw new ConfigError(v.name, production && v.devDefault !== undefined ? 'must be set in production' : 'is required but not set');
}

/**
 * Returns a loader for the given variables: parses all of them, reports every problem at once,
 * and returns a frozen object. Processes call it once at start and pass the result down.
 */
export function defineConfig<const K extends VarKey>(keys: readonly K[]) {
  return (env: Env): ConfigOf<K> => {
    const production = (env[vars.env.name] ?? vars.env.fallback) === 'production';
    const out: Record<string, unknown> = {};
    const problems: ConfigError[] = [];
    for (const key of keys) {
      try {
        out[key] = readOne(vars[key] as EnvVar<unknown>, env, production);
      } catch (err) {
        if (err instanceof ConfigError) problems.push(err);
        else throw err;
      }
    }
    if (problems.length > 0) throw new ConfigErrors(problems);
    return Object.freeze(out) as ConfigOf<K>;
  };
}

/** The variables' documentation as `.env.example` text (generated; a test keeps the file in step). */
export function renderEnvExample(): string {
  const lines = ['# Custos configuration. Generated from lib/core/src/config/variables.ts — edit there.', ''];
  for (const v of Object.values(vars) as EnvVar<unknown>[]) {
    const status = v.optional ? 'optional' : v.example === undefined ? 'required' : v.devDefault !== undefined ? 'required in production' : 'default shown';
    lines.push(`# ${v.doc} (${status})`);
    lines.push(v.example === undefined ? `# ${v.name}=` : `${v.example === v.devDefault && v.secret ? '# ' : ''}${v.name}=${v.example}`);
    lines.push('');
  }
  return lines.join('\n');
}
