/**
 * NTLM session security with extended session security (MS-NLMP 3.4.4.2): sealing, signing and per-direction
 * sequence numbers. Used by both sides — the client seals requests with the client-to-server keys and the lab
 * (server role) seals responses with the server-to-client keys.
 */
import { HmacMd5 } from './hmac-md5.js';
import { sessionKeys } from './keys.js';
import { Rc4 } from './rc4.js';

export const SIGNATURE_LENGTH = 16;

export class NtlmSignatureError extends Error {
  override readonly name = 'NtlmSignatureError';
}

interface Direction {
  /** HMAC-MD5 keyed with the direction's signing key (pads hashed once for the session). */
  mac: HmacMd5;
  rc4: Rc4;
  seq: number;
}

export class NtlmSession {
  private readonly out: Direction;
  private readonly in: Direction;

  /**
   * @param exportedSessionKey the key both sides derived during authentication
   * @param role whose outgoing keys to use
   * @param keyExchange whether KEY_EXCH was negotiated (then the checksum is RC4-encrypted too)
   */
  constructor(
    exportedSessionKey: Buffer,
    readonly role: 'client' | 'server',
    private readonly keyExchange = true,
  ) {
    const k = sessionKeys(exportedSessionKey);
    const client = { mac: new HmacMd5(k.clientSignKey), rc4: new Rc4(k.clientSealKey), seq: 0 };
    const server = { mac: new HmacMd5(k.serverSignKey), rc4: new Rc4(k.serverSealKey), seq: 0 };
    this.out = role === 'client' ? client : server;
    this.in = role === 'client' ? server : client;
  }

  /** Seals `message` and returns the sealed bytes and the 16-byte signature; advances the outgoing sequence. */
  wrap(message: Buffer): { sealed: Buffer; signature: Buffer } {
    const sealed = this.out.rc4.update(message);
    const signature = this.signature(this.out, message);
    return { sealed, signature };
  }

  /** Unseals and verifies; throws NtlmSignatureError if the signature or sequence number is wrong. */
  unwrap(sealed: Buffer, signature: Buffer): Buffer {
    if (signature.length !== SIGNATURE_LENGTH) throw new NtlmSignatureError(`ntlm: signature must be ${SIGNATURE_LENGTH} bytes, got ${signature.length}`);
    const expectedSeq = this.in.seq;
    const message = this.in.rc4.update(sealed);
    const expected = this.signature(this.in, message);
    if (!expected.equals(signature)) {
      const seq = signature.readUInt32LE(12);
      throw new NtlmSignatureError(
        seq === expectedSeq ? 'ntlm: message signature does not verify (tampered or wrong key)' : `ntlm: sequence number ${seq}, expected ${expectedSeq}`,
      );
    }
    return message;
  }

  /** VERSION (1) | checksum (8, RC4-encrypted with KEY_EXCH) | sequence number (4), built in one buffer. */
  private signature(d: Direction, message: Buffer): Buffer {
    const out = Buffer.allocUnsafe(SIGNATURE_LENGTH);
    out.writeUInt32LE(1, 0);
    out.writeUInt32LE(d.seq >>> 0, 12);
    const checksum = d.mac.digest(out.subarray(12), message).subarray(0, 8);
    out.set(this.keyExchange ? d.rc4.update(checksum) : checksum, 4);
    d.seq += 1;
    return out;
  }
}
