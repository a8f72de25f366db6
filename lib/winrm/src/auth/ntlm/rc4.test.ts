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

  it('refuses an empty key', () => {
    expect(() => new Rc4(Buffer.alloc(0))).toThrow(/empty key/);
  });
});
