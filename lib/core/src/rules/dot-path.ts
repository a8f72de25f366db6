/**
 * Dot paths address fields of a finding or a check's output: `output.signatureAgeDays`,
 * `profiles.0.enabled`. Only own properties are followed, so a path can never reach
 * `__proto__` or `constructor` of a plain object.
 */

export type PathLookup = { readonly found: true; readonly value: unknown } | { readonly found: false };

const NOT_FOUND: PathLookup = { found: false };

/** Splits and checks a dot path once, when a rule is compiled. */
export function parseDotPath(path: string): readonly string[] {
  if (typeof path !== 'string' || path.length === 0) throw new Error('path must be a non-empty string');
  const segments = path.split('.');
  for (const s of segments) {
    if (s.length === 0) throw new Error(`path "${path}" has an empty segment`);
    if (s === '__proto__' || s === 'constructor' || s === 'prototype') {
      throw new Error(`path "${path}" uses the reserved segment "${s}"`);
    }
  }
  return segments;
}

/** Follows pre-split segments through objects and arrays (numeric segments index arrays). */
export function readSegments(subject: unknown, segments: readonly string[]): PathLookup {
  let current: unknown = subject;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return NOT_FOUND;
      const index = Number(segment);
      if (index >= current.length) return NOT_FOUND;
      current = current[index];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return NOT_FOUND;
      current = (current as Record<string, unknown>)[segment];
    } else {
      return NOT_FOUND;
    }
  }
  return current === undefined ? NOT_FOUND : { found: true, value: current };
}

export function readDotPath(subject: unknown, path: string): PathLookup {
  return readSegments(subject, parseDotPath(path));
}
