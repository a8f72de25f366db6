/**
 * WinRM message encryption framing over HTTP (MS-WSMV 2.2.9.1.1, byte-exact as pywinrm's encryption.py):
 * the SOAP body is NTLM-sealed and carried in a two-part `multipart/encrypted` body. Header lines inside the
 * parts start with a TAB and there is no CRLF between the sealed bytes and the closing boundary.
 */
import type { NtlmSession } from '../auth/ntlm/session-security.js';
import { SIGNATURE_LENGTH } from '../auth/ntlm/session-security.js';

export const ENCRYPTED_PROTOCOL = 'application/HTTP-SPNEGO-session-encrypted';
export const ENCRYPTED_CONTENT_TYPE = `multipart/encrypted;protocol="${ENCRYPTED_PROTOCOL}";boundary="Encrypted Boundary"`;
export const SOAP_CONTENT_TYPE = 'application/soap+xml;charset=UTF-8';

const BOUNDARY = Buffer.from('--Encrypted Boundary');
const OCTET_HEADER = Buffer.from('\tContent-Type: application/octet-stream\r\n');
const CLOSING = Buffer.from('--Encrypted Boundary--\r\n');

export class EncryptionFramingError extends Error {
  override readonly name = 'EncryptionFramingError';
}

export function isEncryptedContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^multipart\/encrypted\b/i.test(contentType) && contentType.includes(ENCRYPTED_PROTOCOL);
}

/** Seals `plaintext` (a SOAP envelope) with the session's outgoing keys and frames it. */
export function encryptMessage(session: NtlmSession, plaintext: Buffer): Buffer {
  const { sealed, signature } = session.wrap(plaintext);
  // Everything before the signature is text; one buffer is filled in place rather than concatenating nine parts.
  const head = `--Encrypted Boundary\r\n\tContent-Type: ${ENCRYPTED_PROTOCOL}\r\n\tOriginalContent: type=${SOAP_CONTENT_TYPE};Length=${plaintext.length}\r\n--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n`;
  const out = Buffer.allocUnsafe(head.length + 4 + signature.length + sealed.length + CLOSING.length);
  let at = out.write(head, 0, 'latin1');
  at = out.writeUInt32LE(SIGNATURE_LENGTH, at);
  at += signature.copy(out, at);
  at += sealed.copy(out, at);
  CLOSING.copy(out, at);
  return out;
}

/** Unframes and unseals a body; checks the signature (throws NtlmSignatureError) and the announced length. */
export function decryptMessage(session: NtlmSession, body: Buffer): Buffer {
  if (!body.subarray(0, BOUNDARY.length).equals(BOUNDARY)) throw new EncryptionFramingError('encrypted body does not start with --Encrypted Boundary');
  const header = body.subarray(0, Math.min(body.length, 512)).toString('latin1');
  const length = /OriginalContent:\s*type=[^\r\n]*?;Length=(\d+)/i.exec(header)?.[1];
  if (length === undefined) throw new EncryptionFramingError('encrypted body has no OriginalContent Length');
  const octet = body.indexOf(OCTET_HEADER);
  if (octet < 0) throw new EncryptionFramingError('encrypted body has no application/octet-stream part');
  const start = octet + OCTET_HEADER.length;
  const end = body.lastIndexOf(BOUNDARY);
  if (end < start) throw new EncryptionFramingError('encrypted body has no closing boundary');
  // Tolerate a CRLF before the closing boundary (some servers add one) only if the length says so.
  const payload = body.subarray(start, end);
  if (payload.length < 4) throw new EncryptionFramingError('encrypted part is shorter than its signature length field');
  const sigLen = payload.readUInt32LE(0);
  if (sigLen !== SIGNATURE_LENGTH) throw new EncryptionFramingError(`encrypted part announces a ${sigLen}-byte signature, expected ${SIGNATURE_LENGTH}`);
  const signature = payload.subarray(4, 4 + sigLen);
  let sealed = payload.subarray(4 + sigLen);
  const expected = Number(length);
  if (sealed.length === expected + 2 && sealed.subarray(-2).toString('latin1') === '\r\n') sealed = sealed.subarray(0, -2);
  if (sealed.length !== expected) throw new EncryptionFramingError(`encrypted part holds ${sealed.length} bytes but OriginalContent says Length=${expected}`);
  // unwrap only reads them (the plaintext is a new buffer), so views into the body will do.
  return session.unwrap(sealed, signature);
}
