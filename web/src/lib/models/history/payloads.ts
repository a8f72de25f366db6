/**
 * Payloads inside history attributes, in the JSON form (`{ metadata: { encoding: base64 }, data: base64 }`).
 * Decoding is the server's job (the codec holds keys the browser never gets); these helpers find the
 * payloads in an attribute tree and replace each with what a decoder makes of it.
 */

export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** What a decoder returns for one payload. */
export type DecodedValue = unknown;

export type PayloadDecoder = (payload: JsonPayload) => DecodedValue;

export function isPayload(value: unknown): value is JsonPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const m = (value as { metadata?: unknown }).metadata;
  return typeof m === 'object' && m !== null && typeof (m as { encoding?: unknown }).encoding === 'string';
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function base64ToText(b64: string): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(base64ToBytes(b64));
}

export function payloadEncoding(p: JsonPayload): string {
  return p.metadata?.['encoding'] ? base64ToText(p.metadata['encoding']) : '';
}

/** A value the view shows in place of a payload it cannot or may not decode. */
export interface OpaquePayload {
  opaque: true;
  encoding: string;
  bytes: number;
}

/**
 * Decodes the plain encodings of Temporal's default payload converter. Anything else (an encrypted
 * payload when no codec is configured) stays opaque: shown by encoding and size, never guessed at.
 */
export function decodePlainPayload(p: JsonPayload): DecodedValue {
  const encoding = payloadEncoding(p);
  const data = p.data ?? '';
  switch (encoding) {
    case 'binary/null':
      return null;
    case 'json/plain':
    case 'json/protobuf':
      try {
        return JSON.parse(base64ToText(data)) as unknown;
      } catch {
        return { opaque: true, encoding: `${encoding} (malformed)`, bytes: base64ToBytes(data).length } satisfies OpaquePayload;
      }
    default:
      return { opaque: true, encoding: encoding || 'unknown', bytes: data === '' ? 0 : base64ToBytes(data).length } satisfies OpaquePayload;
  }
}

/**
 * A copy of `value` with every payload decoded: `{ payloads: [...] }` becomes the array of decoded
 * values, and a lone payload (memo, header and search-attribute fields) becomes its decoded value.
 */
export function decodeAttributes(value: unknown, decode: PayloadDecoder): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeAttributes(v, decode));
  if (typeof value !== 'object' || value === null) return value;
  if (isPayload(value)) return decode(value);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'payloads' && Array.isArray((value as { payloads: unknown }).payloads)) {
    return (value as { payloads: unknown[] }).payloads.map((p) => (isPayload(p) ? decode(p) : decodeAttributes(p, decode)));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeAttributes((value as Record<string, unknown>)[k], decode);
  return out;
}

/** Every payload in an attribute tree, in document order (for a codec that decodes in one batch). */
export function collectPayloads(value: unknown, into: JsonPayload[] = []): JsonPayload[] {
  if (Array.isArray(value)) for (const v of value) collectPayloads(v, into);
  else if (isPayload(value)) into.push(value);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) collectPayloads(v, into);
  return into;
}
