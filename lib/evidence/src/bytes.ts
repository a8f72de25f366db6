// Byte helpers without Node's Buffer, so the evidence core runs unchanged in a browser.

const textEncoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return textEncoder.encode(text);
}

/** Decodes UTF-8, throwing on malformed input (evidence must never be silently repaired). */
export function fromUtf8(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const HEX = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error(`not a hex string: "${hex.length > 40 ? `${hex.slice(0, 40)}…` : hex}"`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) table[B64.charCodeAt(i)] = i;
  // DSSE verifiers must accept the URL-safe alphabet too.
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

// Two base64 characters per 12 bits, as ASCII codes: one table lookup per 1.5 input bytes.
const B64_PAIRS = (() => {
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const t = new Uint16Array(4096);
  for (let i = 0; i < 4096; i++) {
    const first = B64.charCodeAt(i >> 6);
    const second = B64.charCodeAt(i & 63);
    t[i] = littleEndian ? first | (second << 8) : (first << 8) | second;
  }
  return t;
})();
const asciiDecoder = new TextDecoder('latin1');

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const pairs = new Uint16Array(out.buffer, 0, out.length / 2);
  let i = 0;
  let p = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    pairs[p++] = B64_PAIRS[n >> 12]!;
    pairs[p++] = B64_PAIRS[n & 4095]!;
  }
  const o = p * 2;
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o] = B64.charCodeAt(n >> 18);
    out[o + 1] = B64.charCodeAt((n >> 12) & 63);
    out[o + 2] = rest === 2 ? B64.charCodeAt((n >> 6) & 63) : 61; // '='
    out[o + 3] = 61;
  }
  return asciiDecoder.decode(out);
}

/**
 * Decodes standard or URL-safe base64, padded or not. Rejects anything else (whitespace, stray
 * characters, impossible lengths, non-zero trailing bits) so that one encoding maps to one byte string.
 */
export function fromBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  if (text.length - end > 2 || (text.length !== end && text.length % 4 !== 0) || end % 4 === 1) {
    throw new Error('invalid base64: bad length or padding');
  }
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? B64_INDEX[code]! : -1;
    if (v < 0) throw new Error(`invalid base64: character ${JSON.stringify(text[i])} at offset ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) throw new Error('invalid base64: non-zero trailing bits');
  return out;
}
