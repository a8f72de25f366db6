/**
 * Declarative environment variables: each one names itself, documents itself and parses itself.
 * Pure (the environment is passed in), so the same code validates config in every process and
 * generates `.env.example` and the README table.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`config: ${variable} ${problem}`);
  }
}

export interface EnvVar<T> {
  readonly name: string;
  readonly doc: string;
  /** Text shown in `.env.example`; undefined means the variable is required. */
  readonly example: string | undefined;
  /** A secret is never logged or echoed; in production its development default is refused. */
  readonly secret: boolean;
  /** Used when unset, in every environment. */
  readonly fallback: string | undefined;
  /** Used when unset outside production only (local-stack credentials). */
  readonly devDefault: string | undefined;
  /** When unset and without defaults, the value is undefined instead of an error. */
  readonly optional: boolean;
  parse(raw: string): T;
}

type Parser<T> = (raw: string) => T;

interface VarOptions {
  doc: string;
  /** Value used when unset. Omit for a required variable. */
  default?: string;
  /** A default that is acceptable only outside production (local stack credentials). */
  devDefault?: string;
  secret?: boolean;
}

function makeVar<T>(name: string, parse: Parser<T>, opts: VarOptions): EnvVar<T> {
  return {
    name,
    doc: opts.doc,
    example: opts.default ?? opts.devDefault,
    secret: opts.secret ?? false,
    fallback: opts.default,
    devDefault: opts.devDefault,
    optional: false,
    parse,
  };
}

/** The same variable, but unset is allowed and reads as undefined. */
export function optional<T>(v: EnvVar<T>): EnvVar<T | undefined> {
  return { ...v, optional: true };
}

export const text = (name: string, opts: VarOptions): EnvVar<string> =>
  makeVar(
    name,
    (raw) => {
      if (raw.trim() === '') throw new ConfigError(name, 'must not be empty');
      return raw;
    },
    opts,
  );

export const integer = (name: string, opts: VarOptions & { min?: number; max?: number }): EnvVar<number> =>
  makeVar(
    name,
    (raw) => {
      if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer, got "${raw}"`);
      const n = Number(raw.trim());
      if (opts.min !== undefined && n < opts.min) throw new ConfigError(name, `must be ≥ ${opts.min}, got ${n}`);
      if (opts.max !== undefined && n > opts.max) throw new ConfigError(name, `must be ≤ ${opts.max}, got ${n}`);
      return n;
    },
    opts,
  );

export const port = (name: string, opts: VarOptions): EnvVar<number> => integer(name, { ...opts, min: 1, max: 65535 });

export const boolean = (name: string, opts: VarOptions): EnvVar<boolean> =>
  makeVar(
    name,
    (raw) => {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(name, `must be true or false, got "${raw}"`);
    },
    opts,
  );

export const oneOf = <const T extends string>(name: string, values: readonly T[], opts: VarOptions): EnvVar<T> =>
  makeVar(
    name,
    (raw) => {
      if (!(values as readonly string[]).includes(raw)) {
        throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
      }
      return raw as T;
    },
    opts,
  );

export interface HostPort {
  host: string;
  port: number;
}

export const hostPort = (name: string, opts: VarOptions): EnvVar<HostPort> =>
  makeVar(
    name,
    (raw) => {
      const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw.trim());
      const portNumber = m ? Number(m[2]) : NaN;
      if (!m || portNumber < 1 || portNumber > 65535) {
        throw new ConfigError(name, `must be host:port (for example 127.0.0.1:7233), got "${raw}"`);
      }
      return { host: m[1]!.replace(/^\[|\]$/g, ''), port: portNumber };
    },
    opts,
  );

export const url = (name: string, protocols: readonly string[], opts: VarOptions): EnvVar<URL> =>
  makeVar(
    name,
    (raw) => {
      let u: URL;
      try {
        u = new URL(raw.trim());
      } catch {
        throw new ConfigError(name, `must be a URL, got "${opts.secret ? '<redacted>' : raw}"`);
      }
      if (!protocols.includes(u.protocol)) {
        throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${u.protocol}"`);
      }
      return u;
    },
    opts,
  );

/** A 32-byte key given as base64 (for AES-256-GCM and similar). */
export const key32 = (name: string, opts: VarOptions): EnvVar<Uint8Array> =>
  makeVar(
    name,
    (raw) => {
      const trimmed = raw.trim();
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new ConfigError(name, 'must be base64');
      const bytes = Uint8Array.from(atob(trimmed), (c) => c.charCodeAt(0));
      if (bytes.length !== 32) throw new ConfigError(name, `must decode to 32 bytes, got ${bytes.length}`);
      return bytes;
    },
    { ...opts, secret: true },
  );
