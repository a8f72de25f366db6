import { describe, expect, it } from 'vitest';
import { CredentialKeyring, credentialKeyId, KeyringError, packSealed, parsePreviousKeys, unpackSealed } from './keyring.js';
import { generateApplianceKeyPair, openDelivery, sealForAppliance } from './delivery.js';

const k1 = new Uint8Array(32).fill(7);
const k2 = new Uint8Array(32).fill(9);

describe('CredentialKeyring', () => {
  it('round-trips under the current key and names it per row', () => {
    const ring = new CredentialKeyring(k1);
    const sealed = ring.seal(Buffer.from('hunter2'), 'row 1');
    expect(sealed.keyId).toBe(credentialKeyId(k1));
    expect(sealed.ciphertext.includes(Buffer.from('hunter2'))).toBe(false);
    expect(ring.open(sealed, 'row 1').toString()).toBe('hunter2');
  });

  it('refuses a ciphertext moved to another row (associated data)', () => {
    const ring = new CredentialKeyring(k1);
    const sealed = ring.seal(Buffer.from('x'), 'row 1');
    expect(() => ring.open(sealed, 'row 2')).toThrow(KeyringError);
  });

  it('opens rows sealed before a rotation only while the old key is loaded', () => {
    const old = new CredentialKeyring(k1).seal(Buffer.from('s'), 'r');
    const rotated = new CredentialKeyring(k2, [k1]);
    expect(rotated.isStale(old.keyId)).toBe(true);
    expect(rotated.open(old, 'r').toString()).toBe('s');
    expect(() => new CredentialKeyring(k2).open(old, 'r')).toThrow(/not loaded/);
  });

  it('detects a flipped bit', () => {
    const ring = new CredentialKeyring(k1);
    const sealed = ring.seal(Buffer.from('secret'), 'r');
    sealed.ciphertext[0]! ^= 1;
    expect(() => ring.open(sealed, 'r')).toThrow(/did not authenticate/);
  });

  it('packs nonce and ciphertext into one column', () => {
    const ring = new CredentialKeyring(k1);
    const sealed = ring.seal(Buffer.from('totp'), 'u');
    expect(ring.open(unpackSealed(sealed.keyId, packSealed(sealed)), 'u').toString()).toBe('totp');
    expect(() => unpackSealed('k', Buffer.alloc(10))).toThrow(/truncated/);
  });

  it('parses previous keys and names the bad entry', () => {
    expect(parsePreviousKeys(undefined)).toEqual([]);
    expect(parsePreviousKeys(`${Buffer.from(k1).toString('base64')}, ${Buffer.from(k2).toString('base64')}`)).toHaveLength(2);
    expect(() => parsePreviousKeys(`${Buffer.from(k1).toString('base64')},abc!`)).toThrow(/entry 2 is not base64/);
    expect(() => parsePreviousKeys('AAAA')).toThrow(/entry 1 decodes to 3 bytes/);
  });
});

describe('sealForAppliance', () => {
  it('only the addressed appliance opens the delivery, only with the same associated data', () => {
    const a = generateApplianceKeyPair();
    const b = generateApplianceKeyPair();
    const sealed = sealForAppliance(a.publicKey, Buffer.from('{"password":"p"}'), 'appliance A credential 1');
    expect(openDelivery(a.privateKey, sealed, 'appliance A credential 1').toString()).toBe('{"password":"p"}');
    expect(() => openDelivery(b.privateKey, sealed, 'appliance A credential 1')).toThrow();
    expect(() => openDelivery(a.privateKey, sealed, 'appliance A credential 2')).toThrow();
  });
});
