import { describe, expect, it } from 'vitest';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes.js';
import { sha256, useSha256 } from '../hash.js';
import { nodeSha256 } from './index.js';

describe('OpenSSL SHA-256 in the core', () => {
  it('is installed by the node entry point and agrees with noble on every length 0..300', () => {
    for (let n = 0; n <= 300; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sha256(data))).toBe(toHex(nobleSha256(data)));
      expect(toHex(nodeSha256(data))).toBe(toHex(nobleSha256(data)));
    }
  });

  it('refuses an implementation that fails the known answer', () => {
    expect(() => useSha256(() => new Uint8Array(32))).toThrow(/known answer/);
  });
});
