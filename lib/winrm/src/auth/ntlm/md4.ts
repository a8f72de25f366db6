/**
 * MD4 (RFC 1320). NTLM's NTOWF is MD4 of the UTF-16LE password, and Node 20's OpenSSL 3 ships MD4 only in the
 * legacy provider (`createHash('md4')` throws ERR_OSSL_EVP_UNSUPPORTED), so it is written here.
 */
const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

export function md4(input: Uint8Array): Buffer {
  const bitLength = input.length * 8;
  const padded = Buffer.alloc((((input.length + 8) >> 6) + 1) * 64);
  padded.set(input);
  padded[input.length] = 0x80;
  padded.writeUInt32LE(bitLength >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bitLength / 0x100000000), padded.length - 4);

  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const x = new Array<number>(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = padded.readInt32LE(off + i * 4);
    const [aa, bb, cc, dd] = [a, b, c, d];
    const w = (i: number): number => x[i] as number;
    const f = (p: number, q: number, r: number): number => (p & q) | (~p & r);
    const g = (p: number, q: number, r: number): number => (p & q) | (p & r) | (q & r);
    const h = (p: number, q: number, r: number): number => p ^ q ^ r;
    for (const i of [0, 4, 8, 12]) {
      a = rotl((a + f(b, c, d) + w(i)) | 0, 3);
      d = rotl((d + f(a, b, c) + w(i + 1)) | 0, 7);
      c = rotl((c + f(d, a, b) + w(i + 2)) | 0, 11);
      b = rotl((b + f(c, d, a) + w(i + 3)) | 0, 19);
    }
    for (const i of [0, 1, 2, 3]) {
      a = rotl((a + g(b, c, d) + w(i) + 0x5a827999) | 0, 3);
      d = rotl((d + g(a, b, c) + w(i + 4) + 0x5a827999) | 0, 5);
      c = rotl((c + g(d, a, b) + w(i + 8) + 0x5a827999) | 0, 9);
      b = rotl((b + g(c, d, a) + w(i + 12) + 0x5a827999) | 0, 13);
    }
    for (const i of [0, 2, 1, 3]) {
      a = rotl((a + h(b, c, d) + w(i) + 0x6ed9eba1) | 0, 3);
      d = rotl((d + h(a, b, c) + w(i + 8) + 0x6ed9eba1) | 0, 9);
      c = rotl((c + h(d, a, b) + w(i + 4) + 0x6ed9eba1) | 0, 11);
      b = rotl((b + h(c, d, a) + w(i + 12) + 0x6ed9eba1) | 0, 15);
    }
    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }
  const out = Buffer.alloc(16);
  out.writeInt32LE(a, 0);
  out.writeInt32LE(b, 4);
  out.writeInt32LE(c, 8);
  out.writeInt32LE(d, 12);
  return out;
}
