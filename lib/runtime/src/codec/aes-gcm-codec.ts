/**
 * AES-256-GCM payload codec. The whole serialized Payload (its metadata and data) is encrypted, so
 * Temporal stores only ciphertext plus three clear metadata entries: the encoding marker, the key
 * id and the cipher name. The key id is what makes rotation work: a history written under an older
 * key names it, and any keyring that still holds that key decodes it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { CIPHER_METADATA, CIPHER_NAME, COMPRESSION_METADATA, ENCRYPTED_ENCODING, KEY_ID_METADATA, type PayloadKey } from '@custos/core/codec';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false });

/** A payload the codec cannot decode: unknown key id, wrong key bytes, or altered data. Never retried into success. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * Binds the ciphertext to its key id (and to its compression flag), so relabelling a payload with
 * another id, or adding or removing the flag, fails authentication.
 */
const aad = (keyId: string, compressed: boolean) => Buffer.from(`custos/payload/v1/${keyId}${compressed ? '/deflate' : ''}`, 'utf8');

/**
 * Payloads above this are deflated before encryption. Scan batches carry hundreds of check results
 * of repetitive JSON: compressed, a 200-host scan's workflow task stays far below Temporal's 4 MB
 * gRPC limit (uncompressed it failed with GrpcMessageTooLarge). Compressing before encrypting can
 * leak through length only where attacker-chosen text sits beside a secret in one payload; workflow
 * payloads carry no secrets by design (credentials stay on the appliance, PHI is scrubbed).
 */
const COMPRESS_ABOVE = 1024;
const DEFLATE = utf8.encode('deflate');

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: ReadonlyMap<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    const first = keys[0];
    if (!first) throw new RangeError('the payload codec needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new RangeError(`payload key "${k.id}" must be 32 bytes, got ${k.key.length}`);
    this.current = first;
    this.byId = new Map(keys.map((k) => [k.id, Buffer.from(k.key)]));
  }

  /** The id new payloads are encrypted under. */
  get encryptingKeyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (this.isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private isEncrypted(payload: Payload): boolean {
    const encoding = payload.metadata?.encoding;
    return encoding !== undefined && encoding !== null && fromUtf8.decode(encoding) === ENCRYPTED_ENCODING;
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const encoded = PayloadMessage.encode(payload).finish();
    const deflated = encoded.length > COMPRESS_ABOVE ? deflateRawSync(encoded, { level: zlib.Z_BEST_SPEED }) : undefined;
    // Kept only where it saves something (already-compressed bytes stay as they are).
    const compressed = deflated !== undefined && deflated.length < encoded.length;
    const plain = compressed ? deflated : encoded;
    const cipher = createCipheriv('aes-256-gcm', this.byId.get(this.current.id)!, iv);
    cipher.setAAD(aad(this.current.id, compressed));
    const body = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(this.current.id),
        [CIPHER_METADATA]: utf8.encode(CIPHER_NAME),
        ...(compressed ? { [COMPRESSION_METADATA]: DEFLATE } : {}),
      },
      data: new Uint8Array(body),
    };
  }

  private decrypt(payload: Payload): Payload {
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!idBytes) throw new PayloadDecryptionError(`encrypted payload has no ${KEY_ID_METADATA} metadata`);
    const keyId = fromUtf8.decode(idBytes);
    const cipherName = payload.metadata?.[CIPHER_METADATA];
    if (cipherName && fromUtf8.decode(cipherName) !== CIPHER_NAME) {
      throw new PayloadDecryptionError(`payload uses cipher "${fromUtf8.decode(cipherName)}"; this codec only decodes ${CIPHER_NAME}`);
    }
    const key = this.byId.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `payload was encrypted with key "${keyId}", which is not in CUSTOS_PAYLOAD_KEYS (configured: ${[...this.byId.keys()].join(', ')}); add it back to read this history`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload (key "${keyId}") is truncated: ${data.length} bytes`);
    const compression = payload.metadata?.[COMPRESSION_METADATA];
    const compressed = compression !== undefined && compression !== null;
    if (compressed && fromUtf8.decode(compression) !== 'deflate') throw new PayloadDecryptionError(`payload uses compression "${fromUtf8.decode(compression)}"; this codec only decodes deflate`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(aad(keyId, compressed));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`payload encrypted with key "${keyId}" failed authentication: the key bytes for that id differ, or the payload was altered`);
    }
    return PayloadMessage.decode(compressed ? inflateRawSync(plain) : plain);
  }
}
