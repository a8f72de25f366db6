/**
 * RC4 as a stateful stream: NTLM sealing keeps one RC4 handle per direction for the whole session, and the
 * signature's checksum is encrypted with the same handle right after the message (MS-NLMP 3.4.4.2), so the state
 * must persist across calls. Node 20's OpenSSL 3 has no RC4 outside the legacy provider.
 *
 * The key stream runs in a 161-byte WebAssembly function (source: rc4.wat, assembled with wabt's wat2wasm): every
 * request and response is sealed or unsealed with it, and the JavaScript loop cost about three times as much per
 * byte. Each handle has its own one-page memory: the state in bytes 0..255, the data processed in place after it.
 */
const WASM = Buffer.from('AGFzbQEAAAABCAFgA39/fwF/AwIBAAUDAQABBxMCBm1lbW9yeQIABnVwZGF0ZQAACm8BbQEDfwJAA0AgAyACTw0BIABBAWpB/wFxIQAgAC0AACEEIAEgBGpB/wFxIQEgAS0AACEFIAAgBToAACABIAQ6AAAgAyADLQCAAiAEIAVqQf8BcS0AAHM6AIACIANBAWohAwwACwsgACABQQh0cgs=', 'base64');

/** The little of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const module = new wasm.Module(WASM);
const STATE = 256;
/** Data bytes processed per call: the rest of the 64 KiB page. */
const CHUNK = 65536 - STATE;

interface Rc4Exports {
  memory: { buffer: ArrayBuffer };
  update(i: number, j: number, len: number): number;
}

export class Rc4 {
  private readonly fns: Rc4Exports;
  private readonly mem: Uint8Array;
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0) throw new Error('rc4: empty key');
    this.fns = new wasm.Instance(module).exports as Rc4Exports;
    this.mem = new Uint8Array(this.fns.memory.buffer);
    const s = this.mem;
    for (let n = 0; n < 256; n++) s[n] = n;
    let j = 0;
    for (let n = 0; n < 256; n++) {
      j = (j + s[n]! + key[n % key.length]!) & 0xff;
      const t = s[n]!;
      s[n] = s[j]!;
      s[j] = t;
    }
  }

  /** Encrypts or decrypts (the same operation) into a new buffer, advancing the key stream. */
  update(data: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(data.length);
    for (let off = 0; off < data.length; off += CHUNK) {
      const part = data.subarray(off, off + CHUNK);
      this.mem.set(part, STATE);
      const ij = this.fns.update(this.i, this.j, part.length);
      this.i = ij & 0xff;
      this.j = ij >>> 8;
      out.set(this.mem.subarray(STATE, STATE + part.length), off);
    }
    return out;
  }
}

/** One-shot RC4 (used for the encrypted random session key). */
export const rc4 = (key: Uint8Array, data: Uint8Array): Buffer => new Rc4(key).update(data);
