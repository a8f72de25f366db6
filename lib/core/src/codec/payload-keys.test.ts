import { describe, expect, it } from 'vitest';
import { parsePayloadKeys, PayloadKeyError } from './payload-keys.js';

const k = (byte: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(byte)));

describe('parsePayloadKeys', () => {
  it('keeps the order: the first key encrypts, all decrypt', () => {
    const keys = parsePayloadKeys(`new:${k(2)}, old:${k(1)}`);
    expect(keys.map((x) => x.id)).toEqual(['new', 'old']);
    expect(keys[0]!.key).toEqual(new Uint8Array(32).fill(2));
    expect(Object.isFrozen(keys)).toBe(true);
  });

  it.each([
    ['', /no keys given/],
    ['abc', /entry 1 must be keyId:base64key/],
    [`bad id:${k(1)}`, /entry 1: key id must be/],
    [`a:${k(1)},a:${k(2)}`, /entry 2: key id "a" appears twice/],
    ['a:not*base64', /entry 1 \(key "a"\): key must be base64/],
    [`a:${k(1)},b:c2hvcnQ=`, /entry 2 \(key "b"\): key must decode to 32 bytes, got 5/],
  ])('refuses %j', (raw, message) => {
    expect(() => parsePayloadKeys(raw)).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeys(raw)).toThrow(message);
  });

  it('never echoes key material in an error', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
    try {
      parsePayloadKeys(`a:${secret}`);
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain(secret);
    }
  });
});
