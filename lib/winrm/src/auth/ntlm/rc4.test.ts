import { describe, expect, it } from 'vitest';
import { Rc4, rc4 } from './rc4.js';

describe('rc4', () => {
  it('matches RFC 6229 for the 40-bit key 0102030405 (offsets 0 and 16)', () => {
    const stream = new Rc4(Buffer.from('0102030405', 'hex')).update(Buffer.alloc(32));
    expect(stream.subarray(0, 16).toString('hex')).toBe('b2396305f03dc027ccc3524a0a1118a8');
    expect(stream.subarray(16, 32).toString('hex')).toBe('6982944f18fc82d589c403a47a0d0919');
  });

  it('matches RFC 6229 for the 128-bit key 0102..10 at offset 0', () => {
    const stream = rc4(Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex'), Buffer.alloc(16));
    expect(stream.toString('hex')).toBe('9ac7cc9a609d1ef7b2932899cde41b97');
  });

  it('keeps its key stream across calls (one handle per direction in NTLM)', () => {
    const key = Buffer.from('Key');
    const whole = rc4(key, Buffer.from('Plaintext'));
    expect(whole.toString('hex')).toBe('bbf316e8d940af0ad3');
    const h = new Rc4(key);
    expect(Buffer.concat([h.update(Buffer.from('Plain')), h.update(Buffer.from('text'))])).toEqual(whole);
  });

  it('agrees with a plain JavaScript RC4 over data longer than its 64 KiB working page, in one call or many', () => {
    const key = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');
    const data = Buffer.from(Array.from({ length: 200_000 }, (_, n) => (n * 31 + 7) & 0xff));
    const s = Array.from({ length: 256 }, (_, n) => n);
    for (let n = 0, j = 0; n < 256; n++) {
      j = (j + s[n]! + key[n % key.length]!) & 0xff;
      [s[n], s[j]] = [s[j]!, s[n]!];
    }
    const expected = Buffer.alloc(data.length);
    for (let n = 0, i = 0, j = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      j = (j + s[i]!) & 0xff;
      [s[i], s[j]] = [s[j]!, s[i]!];
      expected[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
    }
    expect(new Rc4(key).update(data).equals(expected)).toBe(true);
    const pieces = new Rc4(key);
    const parts: Buffer[] = [];
    for (let off = 0, size = 1; off < data.length; off += size, size = (size * 7 + 3) % 90_000) parts.push(pieces.update(data.subarray(off, off + size)));
    expect(Buffer.concat(parts).equals(expected)).toBe(true);
  });

  it('refuses an empty key', () => {
    expect(() => new Rc4(Buffer.alloc(0))).toThrow(/empty key/);
  });
});
