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

function status(v: EnvVar<unknown>): string {
  if (v.optional) return 'optional';
  if (v.example === undefined) return 'required';
  if (v.devDefault !== undefined) return 'required in production';
  return 'has a default';
}

/** The variables' documentation as a Markdown table for the README (generated; a test keeps it in step). */
export function renderConfigTable(): string {
  const rows = (Object.values(vars) as EnvVar<unknown>[]).map((v) => {
    const shown = v.example === undefined ? '' : v.secret ? `\`${v.example}\` (dev only)` : `\`${v.example}\``;
    return `| \`${v.name}\` | ${status(v)} | ${shown} | ${v.doc} |`;
  });
  return ['| variable | when | local default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** The variables' documentation as `.env.example` text (generated; a test keeps the file in step). */
export function renderEnvExample(): string {
  const lines = ['# Custos configuration. Generated from lib/core/src/config/variables.ts — edit there.', ''];
  for (const v of Object.values(vars) as EnvVar<unknown>[]) {
    lines.push(`# ${v.doc} (${status(v)})`);
    lines.push(v.example === undefined ? `# ${v.name}=` : `${v.example === v.devDefault && v.secret ? '# ' : ''}${v.name}=${v.example}`);
    lines.push('');
  }
  return lines.join('\n');
}
