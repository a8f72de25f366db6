/**
 * The payload-encryption keyring as configured (`CUSTOS_PAYLOAD_KEYS`): `keyId:base64(32 bytes)`
 * entries, comma-separated. The first entry encrypts; every entry decrypts, so a rotation is "put the
 * new key first, keep the old ones until no history that needs them is still read or replayed".
 * Pure parsing only — the cipher lives in @custos/runtime (Node crypto), this runs anywhere.
 */

/** Metadata the codec writes on every encrypted payload (the names the Temporal samples use). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
export const CIPHER_NAME = 'AES-256-GCM';
/** Present (value `deflate`) when the plaintext was compressed before encryption. */
export const COMPRESSION_METADATA = 'encryption-compression';

export interface PayloadKey {
  /** Written in clear into each payload's metadata, so it must never be secret: a label like `2026-11`. */
  readonly id: string;
  /** 32 bytes. */
  readonly key: Uint8Array;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A malformed keyring; the message names the entry (by position and id) but never echoes key bytes. */
export class PayloadKeyError extends Error {
  override readonly name = 'PayloadKeyError';
}

export function parsePayloadKeys(raw: string): readonly PayloadKey[] {
  const entries = raw.split(',').map((e) => e.trim());
  if (entries.length === 0 || entries.every((e) => e === '')) throw new PayloadKeyError('no keys given; expected keyId:base64key[,keyId:base64key…]');
  const seen = new Set<string>();
  return Object.freeze(
    entries.map((entry, i) => {
      const where = `entry ${i + 1}`;
      const colon = entry.indexOf(':');
      if (colon < 0) throw new PayloadKeyError(`${where} must be keyId:base64key (no ':' found)`);
      const id = entry.slice(0, colon).trim();
      const encoded = entry.slice(colon + 1).trim();
      if (!KEY_ID.test(id)) throw new PayloadKeyError(`${where}: key id must be 1–64 of A-Z a-z 0-9 . _ - , got "${id.slice(0, 80)}"`);
      if (seen.has(id)) throw new PayloadKeyError(`${where}: key id "${id}" appears twice`);
      seen.add(id);
      if (!BASE64.test(encoded)) throw new PayloadKeyError(`${where} (key "${id}"): key must be base64`);
      const key = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
      if (key.length !== 32) throw new PayloadKeyError(`${where} (key "${id}"): key must decode to 32 bytes, got ${key.length}`);
      return Object.freeze({ id, key });
    }),
  );
}
