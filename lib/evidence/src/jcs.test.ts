import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, fromUtf8, toHex } from './bytes.js';
import { canonicalize } from 'json-canonicalize';
import { CanonicalJsonError, canonicalBytes, canonicalJson, parseCanonical } from './jcs.js';

const VECTORS = new URL('../test/vectors/jcs/', import.meta.url);

function float(hex: string): number {
  return new DataView(fromHex(hex).buffer).getFloat64(0, false);
}

describe('RFC 8785 canonical JSON', () => {
  const names = readdirSync(new URL('input/', VECTORS)).map((f) => f.replace(/\.json$/, ''));

  it('has all six cyberphone test files', () => {
    expect(names.sort()).toEqual(['arrays', 'french', 'structures', 'unicode', 'values', 'weird']);
  });

  it.each(names)('cyberphone %s.json canonicalises to outhex', (name) => {
    const input: unknown = JSON.parse(readFileSync(new URL(`input/${name}.json`, VECTORS), 'utf8'));
    const expected = readFileSync(new URL(`outhex/${name}.txt`, VECTORS), 'utf8').replace(/\s+/g, '');
    expect(toHex(canonicalBytes(input, { allowFloats: true }))).toBe(expected);
  });

  it('orders keys by UTF-16 code units (weird.json)', () => {
    const input: unknown = JSON.parse(readFileSync(new URL('input/weird.json', VECTORS), 'utf8'));
    const keys = Object.keys(JSON.parse(canonicalJson(input, { allowFloats: true })) as object);
    // JSON.parse re-orders integer-like keys, so compare the serialised order instead.
    const text = canonicalJson(input, { allowFloats: true });
    const order = ['"\\n"', '"\\r"', '"1"', '"</script>"', '"\u0080"', '"\u00f6"', '"\u20ac"', '"\ud83d\ude02"', '"\ufb33"'].map((k) => text.indexOf(`${k}:`));
    expect(order.every((pos, i) => pos >= 0 && (i === 0 || pos > order[i - 1]!))).toBe(true);
    expect(keys.length).toBe(9);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('Appendix B: %s serialises as %s', (hex, text) => {
    expect(canonicalJson(float(hex), { allowFloats: true })).toBe(text);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])('Appendix B: %s (NaN/±Infinity) is an error', (hex) => {
    expect(() => canonicalJson([float(hex)], { allowFloats: true })).toThrow(CanonicalJsonError);
  });
});

describe('cross-check against json-canonicalize (independent implementation)', () => {
  // Deterministic pseudo-random JSON values: nested objects and arrays, Unicode keys, floats, escapes.
  function randomValue(seed: { n: number }, depth: number): unknown {
    const r = () => (seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = Math.floor(r() * (depth > 3 ? 4 : 6));
    const str = () => Array.from({ length: Math.floor(r() * 6) }, () => ['a', 'Z', '\n', '"', '\\', 'é', '€', '😂', '\u001f', '\ufb33', '/'][Math.floor(r() * 11)]).join('');
    switch (pick) {
      case 0: return str();
      case 1: return (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20);
      case 2: return r() < 0.5;
      case 3: return null;
      case 4: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(seed, depth + 1));
      default: return Object.fromEntries(Array.from({ length: Math.floor(r() * 5) }, () => [str(), randomValue(seed, depth + 1)]));
    }
  }

  it('agrees on 2,000 random values and on the cyberphone inputs', () => {
    const seed = { n: 42 };
    for (let i = 0; i < 2000; i++) {
      const v = randomValue(seed, 0);
      expect(canonicalJson(v, { allowFloats: true })).toBe(canonicalize(v));
    }
    for (const name of readdirSync(new URL('input/', VECTORS))) {
      const v: unknown = JSON.parse(readFileSync(new URL(`input/${name}`, VECTORS), 'utf8'));
      expect(canonicalJson(v, { allowFloats: true })).toBe(canonicalize(v));
    }
  });
});

describe('strict evidence rules', () => {
  it('rejects floats and unsafe integers, naming the place', () => {
    expect(() => canonicalJson({ a: { b: [1, 2.5] } })).toThrow('number 2.5 is not a safe integer (use a decimal string) at /a/b/1');
    expect(() => canonicalJson({ n: 2 ** 53 })).toThrow(/at \/n/);
    expect(canonicalJson({ n: 2 ** 53 - 1 })).toBe('{"n":9007199254740991}');
  });

  it('rejects non-NFC strings and lone surrogates', () => {
    expect(() => canonicalJson({ name: 'e\u0301' })).toThrow('string is not Unicode NFC at /name');
    expect(canonicalJson({ name: '\u00e9' })).toBe('{"name":"é"}');
    expect(() => canonicalJson(['\ud800'])).toThrow(/lone UTF-16 surrogate at \/0/);
  });

  it('rejects values JSON.stringify would silently change', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined is not a JSON value at \/a/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow(/hole at \/1/);
    expect(() => canonicalJson({ 'a/b': { 'c~d': NaN } })).toThrow(/at \/a~1b\/c~0d/);
  });

  it('recognises canonical bytes and rejects duplicates, whitespace and re-spelled escapes', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    expect(parseCanonical(utf8('{"a":1,"b":"x"}')).canonical).toBe(true);
    expect(parseCanonical(utf8('{"b":"x","a":1}')).canonical).toBe(false);
    expect(parseCanonical(utf8('{"a":1,"a":2}')).canonical).toBe(false);
    expect(parseCanonical(utf8('{"a": 1}')).canonical).toBe(false);
    expect(parseCanonical(utf8('{"a":"\\u0041"}')).canonical).toBe(false);
    expect(() => parseCanonical(fromHex('7b22c3'))).toThrow();
    expect(fromUtf8(canonicalBytes({ z: [true, null], a: '€' }))).toBe('{"a":"€","z":[true,null]}');
  });
});
