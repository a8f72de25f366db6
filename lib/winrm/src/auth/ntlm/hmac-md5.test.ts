import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacMd5 } from './hmac-md5.js';

const reference = (key: Uint8Array, ...parts: Uint8Array[]): Buffer => {
  const h = createHmac('md5', key);
  for (const p of parts) h.update(p);
  return h.digest();
};

describe('HmacMd5', () => {
  it('matches RFC 2202 test cases 1, 2 and 6 (a key longer than the block)', () => {
    expect(new HmacMd5(Buffer.alloc(16, 0x0b)).digest(Buffer.from('Hi There')).toString('hex')).toBe('9294727a3638bb1c13f48ef8158bfc9d');
    expect(new HmacMd5(Buffer.from('Jefe')).digest(Buffer.from('what do ya want for nothing?')).toString('hex')).toBe('750c783e6ab0b503eaa86e310a5db738');
    expect(new HmacMd5(Buffer.alloc(80, 0xaa)).digest(Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First')).toString('hex')).toBe('6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd');
  });

  it('agrees with node:crypto for every length around the padding boundaries, in parts, and past its 64 KiB page', () => {
    const key = randomBytes(16);
    const h = new HmacMd5(key);
    for (let len = 0; len <= 300; len++) {
      const msg = randomBytes(len);
      const seq = randomBytes(4);
      expect(h.digest(seq, msg).equals(reference(key, seq, msg)), `length ${len}`).toBe(true);
    }
    for (const len of [65_336, 65_343, 65_344, 65_400, 200_000]) {
      const msg = randomBytes(len);
      expect(h.digest(msg.subarray(0, 10), msg.subarray(10)).equals(reference(key, msg)), `length ${len}`).toBe(true);
    }
    // The key's pads are kept, not consumed: the same message signs the same way again.
    const again = randomBytes(1500);
    expect(h.digest(again).equals(h.digest(again))).toBe(true);
  });
});
