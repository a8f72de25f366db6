import { fromUtf8, utf8 } from './bytes.js';

/**
 * RFC 8785 (JCS) canonical JSON, with the input rules that keep evidence unambiguous across languages:
 * JSON.stringify-style serialisers silently drop `undefined`, call `toJSON` on Dates and accept lone
 * surrogates. A small implementation rather than `json-canonicalize` because validating and
 * serialising in one pass halves the cost on the 5,000 bundles/s write path; json-canonicalize stays
 * as the independent cross-check in the tests.
 *
 * Strict mode (the default, and what every evidence producer uses) also forbids non-integer numbers
 * and unsafe integers (counters travel as decimal strings) and requires NFC strings: JCS does no
 * Unicode normalisation, so two spellings of "é" would otherwise hash differently.
 */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  constructor(
    /** JSON pointer of the offending value, e.g. `/predicate/controls/0/id`. */
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`${problem} at ${pointer === '' ? '(root)' : pointer}`);
  }
}

export interface CanonicalOptions {
  /** Allow any finite double (RFC 8785 numbers) and non-NFC strings. Only for foreign data and test vectors. */
  readonly allowFloats?: boolean;
}

const MAX_DEPTH = 64;

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

// Any code unit outside ASCII. Pure-ASCII strings (ids, hashes, base64) skip the slower checks below.
const NON_ASCII = /[\u0080-\uffff]/;

/** Throws unless `s` serialises unambiguously: no lone surrogates and, in strict mode, NFC. */
export function assertCanonicalString(s: string, pointer: string, strict = true): void {
  if (!NON_ASCII.test(s)) return;
  if (hasLoneSurrogate(s)) throw new CanonicalJsonError(pointer, 'string contains a lone UTF-16 surrogate');
  if (strict && s.normalize('NFC') !== s) throw new CanonicalJsonError(pointer, 'string is not Unicode NFC');
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => `/${typeof p === 'number' ? p : pointerToken(p)}`).join('');
}

/**
 * Validates and serialises in one pass. JCS output for strings and numbers is exactly what
 * JSON.stringify / Number#toString produce (RFC 8785 §3.2.2), and the default sort orders keys by
 * UTF-16 code units (§3.2.3), so only the walk and the input rules are ours.
 */
function serialize(value: unknown, path: (string | number)[], strict: boolean): string {
  if (path.length > MAX_DEPTH) throw new CanonicalJsonError(pointerOf(path), `nesting deeper than ${MAX_DEPTH}`);
  switch (typeof value) {
    case 'string':
      if (NON_ASCII.test(value)) assertCanonicalString(value, pointerOf(path), strict);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(pointerOf(path), `number ${value} is not allowed`);
      if (strict && !Number.isSafeInteger(value)) {
        throw new CanonicalJsonError(pointerOf(path), `number ${value} is not a safe integer (use a decimal string)`);
      }
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          if (!(i in value)) throw new CanonicalJsonError(pointerOf(path), 'array has a hole');
          out += (i ? ',' : '') + serialize(value[i], path, strict);
          path.pop();
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(pointerOf(path), 'only plain objects are allowed (no Date, Map, class instances)');
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        path.push(key);
        if (NON_ASCII.test(key)) assertCanonicalString(key, pointerOf(path), strict);
        out += `${i ? ',' : ''}${JSON.stringify(key)}:${serialize(record[key], path, strict)}`;
        path.pop();
      }
      return `${out}}`;
    }
    default:
      throw new CanonicalJsonError(pointerOf(path), `${typeof value} is not a JSON value`);
  }
}

/** Canonical JSON text of `value`; throws CanonicalJsonError naming the first offending value. */
export function canonicalJson(value: unknown, options: CanonicalOptions = {}): string {
  return serialize(value, [], !options.allowFloats);
}

/** Canonical JSON as UTF-8 bytes: what gets signed and hashed. */
export function canonicalBytes(value: unknown, options: CanonicalOptions = {}): Uint8Array {
  return utf8(canonicalJson(value, options));
}

/**
 * Parses UTF-8 JSON and reports whether the bytes are exactly their own canonical form. Duplicate
 * keys, whitespace, escapes or number spellings that JCS would change all make this false.
 */
export function parseCanonical(bytes: Uint8Array, options: CanonicalOptions = {}): { value: unknown; canonical: boolean } {
  const text = fromUtf8(bytes);
  const value: unknown = JSON.parse(text);
  let canonical: boolean;
  try {
    canonical = canonicalJson(value, options) === text;
  } catch {
    canonical = false;
  }
  return { value, canonical };
}
