import { canonicalize } from 'json-canonicalize';
import { fromUtf8, utf8 } from './bytes.js';

/**
 * RFC 8785 (JCS) canonical JSON. The serialisation itself is the `json-canonicalize` library; this file
 * adds the input rules that keep evidence unambiguous across languages, checked *before* serialising
 * because the library (like JSON.stringify) silently drops `undefined`, calls `toJSON` on Dates and
 * accepts lone surrogates.
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

function checkValue(value: unknown, pointer: string, strict: boolean, depth: number): void {
  if (depth > MAX_DEPTH) throw new CanonicalJsonError(pointer, `nesting deeper than ${MAX_DEPTH}`);
  switch (typeof value) {
    case 'string':
      assertCanonicalString(value, pointer, strict);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(pointer, `number ${value} is not allowed`);
      if (strict && !Number.isSafeInteger(value)) {
        throw new CanonicalJsonError(pointer, `number ${value} is not a safe integer (use a decimal string)`);
      }
      return;
    case 'object': {
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new CanonicalJsonError(`${pointer}/${i}`, 'array has a hole');
          checkValue(value[i], `${pointer}/${i}`, strict, depth + 1);
        }
        return;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(pointer, 'only plain objects are allowed (no Date, Map, class instances)');
      }
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const p = `${pointer}/${pointerToken(key)}`;
        assertCanonicalString(key, p, strict);
        checkValue(v, p, strict, depth + 1);
      }
      return;
    }
    default:
      throw new CanonicalJsonError(pointer, `${typeof value} is not a JSON value`);
  }
}

/** Canonical JSON text of `value`; throws CanonicalJsonError naming the first offending value. */
export function canonicalJson(value: unknown, options: CanonicalOptions = {}): string {
  checkValue(value, '', !options.allowFloats, 0);
  return canonicalize(value);
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
