import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.js';

describe('byte helpers', () => {
  it('base64 matches Node for every length 0..300 and decodes both alphabets', () => {
    for (let n = 0; n <= 300; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 0xff);
      const std = Buffer.from(data).toString('base64');
      expect(toBase64(data)).toBe(std);
      expect(fromBase64(std)).toEqual(data);
      expect(fromBase64(Buffer.from(data).toString('base64url'))).toEqual(data);
    }
  });

  it('rejects malformed base64 instead of guessing', () => {
    expect(() => fromBase64('ab$d')).toThrow(/character "\$" at offset 2/);
    expect(() => fromBase64('abc')).not.toThrow();
    expect(() => fromBase64('a')).toThrow(/length/);
    expect(() => fromBase64('ab=')).toThrow(/padding/);
    expect(() => fromBase64('ab==x')).toThrow();
    expect(() => fromBase64('aB==')).toThrow(/trailing bits/);
  });

  it('hex, utf8, concat and compare', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('0g')).toThrow(/not a hex string/);
    expect(() => fromHex('abc')).toThrow(/not a hex string/);
    expect(fromUtf8(utf8('é€😂'))).toBe('é€😂');
    expect(() => fromUtf8(Uint8Array.of(0xc3))).toThrow();
    expect(concatBytes(Uint8Array.of(1), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 3))).toBe(false);
  });
});
