import { createCipheriv, createDecipheriv, createPublicKey, createPrivateKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Credentials leave Central only sealed to one appliance's X25519 public key (ECIES: ephemeral
 * X25519 + HKDF-SHA256 + AES-256-GCM). The associated data names the appliance and the credential,
 * so a sealed box delivered to one appliance is useless to any other.
 */
export interface SealedDelivery {
  ephemeralPublicKey: string; // base64, 32 raw bytes
  nonce: string; // base64, 12 bytes
  ciphertext: string; // base64, ciphertext || 16-byte tag
}

const INFO = Buffer.from('custos credential delivery v1', 'utf8');
// DER prefixes that wrap a raw 32-byte X25519 key as SPKI / PKCS#8 for node:crypto.
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function x25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError(`X25519 public key must be 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function x25519PrivateKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError(`X25519 private key must be 32 bytes, got ${raw.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

function rawPublic(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function deriveKey(shared: Buffer, ephemeralPub: Buffer, recipientPub: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPub, recipientPub]), INFO, 32));
}

export function sealForAppliance(recipientPublicKey: Uint8Array, plaintext: Uint8Array, associatedData: string): SealedDelivery {
  const recipient = x25519PublicKey(recipientPublicKey);
  const eph = generateKeyPairSync('x25519');
  const ephPub = rawPublic(eph.publicKey);
  const key = deriveKey(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }), ephPub, Buffer.from(recipientPublicKey));
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { ephemeralPublicKey: ephPub.toString('base64'), nonce: nonce.toString('base64'), ciphertext: body.toString('base64') };
}

/** The appliance's side: opens a delivery with its private key (used by the appliance worker and tests). */
export function openDelivery(recipientPrivateKey: Uint8Array, sealed: SealedDelivery, associatedData: string): Buffer {
  const priv = x25519PrivateKey(recipientPrivateKey);
  const ephPub = Buffer.from(sealed.ephemeralPublicKey, 'base64');
  const recipientPub = rawPublic(createPublicKey(priv));
  const key = deriveKey(diffieHellman({ privateKey: priv, publicKey: x25519PublicKey(ephPub) }), ephPub, recipientPub);
  const body = Buffer.from(sealed.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.nonce, 'base64'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

/** A fresh X25519 key pair as raw bytes (what an appliance generates at enrolment). */
export function generateApplianceKeyPair(): { publicKey: Buffer; privateKey: Buffer } {
  const kp = generateKeyPairSync('x25519');
  return {
    publicKey: rawPublic(kp.publicKey),
    privateKey: kp.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length),
  };
}
