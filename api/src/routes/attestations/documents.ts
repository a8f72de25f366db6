import { createHash } from 'node:crypto';
import { ApiError } from '../../errors.js';

/** Document kinds an attestation may carry, each recognised by its first bytes. */
export const DOCUMENT_TYPES = {
  'application/pdf': (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'text/plain': (b: Buffer) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Decodes and checks an uploaded document: size, and that its bytes are what its type says. */
export function decodeDocument(doc: { name: string; contentType: DocumentType; contentBase64: string }): { name: string; contentType: DocumentType; sha256: string; bytes: Buffer } {
  const bytes = Buffer.from(doc.contentBase64, 'base64');
  if (bytes.length === 0) throw new ApiError('invalid_request', 'the document is empty', 'body.document.contentBase64');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new ApiError('invalid_request', `the document is larger than ${MAX_DOCUMENT_BYTES} bytes`, 'body.document.contentBase64');
  if (!DOCUMENT_TYPES[doc.contentType](bytes)) throw new ApiError('invalid_request', `the document is not ${doc.contentType}`, 'body.document.contentType');
  return { name: doc.name, contentType: doc.contentType, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}
