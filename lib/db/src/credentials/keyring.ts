import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** A sealed secret as stored: which key, the GCM nonce, and ciphertext with the 16-byte tag appended. */
export interface SealedSecret {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
}

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

const TAG_BYTES = 16;

/** A key's id is derived from the key itself, so operators never name keys and ids cannot collide by mistake. */
export function credentialKeyId(key: Uint8Array): string {
  return 'k1-' + createHash('sha256').update('custos credential key id\0').update(key).digest('hex').slice(0, 16);
}

/**
 * AES-256-GCM for secrets at rest (host credentials, TOTP seeds, OIDC client secrets). The current
 * key seals; previous keys still open rows sealed before a rotation. The associated data binds a
 * ciphertext to its row, so a ciphertext copied into another row or site does not open.
 */
export class CredentialKeyring {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Uint8Array, previous: readonly Uint8Array[] = []) {
    for (const k of [current, ...previous]) {
      if (k.length !== 32) throw new KeyringError(`credential keys must be 32 bytes, got ${k.length}`);
      this.keys.set(credentialKeyId(k), Buffer.from(k));
    }
    this.currentKeyId = credentialKeyId(current);
  }

  seal(plaintext: Uint8Array, associatedData: string): SealedSecret {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, nonce);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.currentKeyId, nonce, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
  }

  open(sealed: SealedSecret, associatedData: string): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new KeyringError(`credential key ${sealed.keyId} is not loaded (set it in CUSTOS_CREDENTIAL_PREVIOUS_KEYS)`);
    if (sealed.ciphertext.length < TAG_BYTES) throw new KeyringError('sealed secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new KeyringError(`sealed secret did not authenticate under key ${sealed.keyId} (wrong key or altered row)`);
    }
  }

  /** A key for another purpose (cookie signing), derived from the current key so it rotates with it. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys.get(this.currentKeyId)!, Buffer.alloc(0), `custos ${purpose}`, 32));
  }

  /** True when the row was sealed by an older key and a rotation should re-seal it. */
  isStale(keyId: string): boolean {
    return keyId !== this.currentKeyId;
  }
}

/** Parses `CUSTOS_CREDENTIAL_PREVIOUS_KEYS`: comma-separated base64 32-byte keys. */
export function parsePreviousKeys(raw: string | undefined, variable = 'CUSTOS_CREDENTIAL_PREVIOUS_KEYS'): Uint8Array[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part, i) => {
    const text = part.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new KeyringError(`${variable}: entry ${i + 1} is not base64`);
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== 32) throw new KeyringError(`${variable}: entry ${i + 1} decodes to ${bytes.length} bytes, expected 32`);
    return new Uint8Array(bytes);
  });
}

/** A sealed secret in one column: nonce (12 bytes) followed by ciphertext and tag. */
export function packSealed(sealed: SealedSecret): Buffer {
  return Buffer.concat([sealed.nonce, sealed.ciphertext]);
}

export function unpackSealed(keyId: string, packed: Buffer): SealedSecret {
  if (packed.length < 12 + TAG_BYTES) throw new KeyringError('packed secret is truncated');
  return { keyId, nonce: packed.subarray(0, 12), ciphertext: packed.subarray(12) };
}
