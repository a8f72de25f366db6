import { bytesEqual, concatBytes, fromUtf8, utf8 } from '../bytes.js';
import { ATTESTATION_TAGS, DIGEST_LENGTHS, FILE_MAGIC, FILE_VERSION, MAX_DEPTH, MAX_OP_ARG, MAX_URI, OP_TAGS, OtsError, URI_CHARS } from './types.js';
import type { DetachedTimestamp, FileHashOp, OtsAttestation, OtsBranch, OtsOp, OtsTimestamp } from './types.js';

// Reader and writer for the .ots binary format, written here (the npm `opentimestamps` package is LGPL,
// unmaintained and only a test cross-check). Errors name the byte offset.

const TAG_TO_OP = new Map<number, OtsOp['kind']>(Object.entries(OP_TAGS).map(([k, v]) => [v, k as OtsOp['kind']]));
const FILE_HASH_OPS: readonly FileHashOp[] = ['sha256', 'sha1', 'ripemd160', 'keccak256'];

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  fail(problem: string): never {
    throw new OtsError(`offset ${this.offset}: ${problem}`);
  }
  byte(): number {
    if (this.offset >= this.bytes.length) this.fail('unexpected end of proof');
    return this.bytes[this.offset++]!;
  }
  take(n: number): Uint8Array {
    if (this.offset + n > this.bytes.length) this.fail(`needs ${n} bytes, ${this.bytes.length - this.offset} left`);
    const out = this.bytes.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  /** Unsigned LEB128, capped below 2^53. */
  varuint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return value;
      scale *= 128;
    }
    return this.fail('varuint too long');
  }
  varbytes(max: number): Uint8Array {
    const n = this.varuint();
    if (n > max) this.fail(`length ${n} exceeds ${max}`);
    return this.take(n);
  }
  done(): boolean {
    return this.offset === this.bytes.length;
  }
}

function readAttestation(r: Reader): OtsAttestation {
  const tag = r.take(8);
  const payload = r.varbytes(8192);
  const p = new Reader(payload);
  if (bytesEqual(tag, ATTESTATION_TAGS.pending)) {
    const raw = p.varbytes(MAX_URI);
    let uri: string;
    try {
      uri = fromUtf8(raw);
    } catch {
      return r.fail('pending attestation URI is not UTF-8');
    }
    if (!URI_CHARS.test(uri)) r.fail(`pending attestation URI has characters outside [A-Za-z0-9-._/:]`);
    if (!p.done()) r.fail('pending attestation has trailing bytes');
    return { kind: 'pending', uri };
  }
  for (const kind of ['bitcoin', 'litecoin'] as const) {
    if (bytesEqual(tag, ATTESTATION_TAGS[kind])) {
      const height = p.varuint();
      if (!p.done()) r.fail(`${kind} attestation has trailing bytes`);
      return { kind, height };
    }
  }
  return { kind: 'unknown', tag, payload };
}

function readOp(r: Reader, tag: number): OtsOp {
  const kind = TAG_TO_OP.get(tag);
  if (!kind) r.fail(`unknown operation tag 0x${tag.toString(16).padStart(2, '0')}`);
  if (kind === 'append' || kind === 'prepend') {
    const arg = r.varbytes(MAX_OP_ARG);
    if (arg.length === 0) r.fail(`${kind} with an empty argument`);
    return { kind, arg };
  }
  return { kind: kind! } as OtsOp;
}

function readTimestamp(r: Reader, depth: number): OtsTimestamp {
  if (depth > MAX_DEPTH) r.fail(`proof deeper than ${MAX_DEPTH}`);
  const branches: OtsBranch[] = [];
  const readBranch = (tag: number) => {
    if (tag === 0x00) branches.push({ attestation: readAttestation(r) });
    else branches.push({ op: readOp(r, tag), next: readTimestamp(r, depth + 1) });
  };
  let tag = r.byte();
  while (tag === 0xff) {
    readBranch(r.byte());
    tag = r.byte();
  }
  readBranch(tag);
  return { branches };
}

/** Parses a serialised timestamp tree (what calendars return: no file header). */
export function parseTimestamp(bytes: Uint8Array): OtsTimestamp {
  const r = new Reader(bytes);
  const t = readTimestamp(r, 0);
  if (!r.done()) r.fail('trailing bytes after the timestamp');
  return t;
}

export function parseDetachedTimestamp(bytes: Uint8Array): DetachedTimestamp {
  const r = new Reader(bytes);
  if (!bytesEqual(r.take(FILE_MAGIC.length), FILE_MAGIC)) throw new OtsError('not an OpenTimestamps proof (bad magic)');
  const version = r.varuint();
  if (version !== FILE_VERSION) r.fail(`unsupported proof version ${version}`);
  const hashTag = r.byte();
  const fileHashOp = FILE_HASH_OPS.find((k) => OP_TAGS[k] === hashTag);
  if (!fileHashOp) r.fail(`unsupported file hash 0x${hashTag.toString(16)}`);
  const digest = r.take(DIGEST_LENGTHS[fileHashOp!]);
  const timestamp = readTimestamp(r, 0);
  if (!r.done()) r.fail('trailing bytes after the timestamp');
  return { fileHashOp: fileHashOp!, digest, timestamp };
}

function varuint(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new OtsError(`cannot encode ${n} as varuint`);
  const out: number[] = [];
  let v = n;
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return Uint8Array.from(out);
}

function varbytes(b: Uint8Array): Uint8Array {
  return concatBytes(varuint(b.length), b);
}

function writeAttestation(a: OtsAttestation): Uint8Array {
  switch (a.kind) {
    case 'pending':
      return concatBytes(ATTESTATION_TAGS.pending, varbytes(varbytes(utf8(a.uri))));
    case 'bitcoin':
    case 'litecoin':
      return concatBytes(ATTESTATION_TAGS[a.kind], varbytes(varuint(a.height)));
    case 'unknown':
      return concatBytes(a.tag, varbytes(a.payload));
  }
}

function writeOp(op: OtsOp): Uint8Array {
  const tag = Uint8Array.of(OP_TAGS[op.kind]);
  return op.kind === 'append' || op.kind === 'prepend' ? concatBytes(tag, varbytes(op.arg)) : tag;
}

export function serializeTimestamp(t: OtsTimestamp): Uint8Array {
  if (t.branches.length === 0) throw new OtsError('a timestamp node needs at least one branch');
  const parts: Uint8Array[] = [];
  t.branches.forEach((b, i) => {
    if (i < t.branches.length - 1) parts.push(Uint8Array.of(0xff));
    if ('attestation' in b) parts.push(Uint8Array.of(0x00), writeAttestation(b.attestation));
    else parts.push(writeOp(b.op), serializeTimestamp(b.next));
  });
  return concatBytes(...parts);
}

export function serializeDetachedTimestamp(d: DetachedTimestamp): Uint8Array {
  if (d.digest.length !== DIGEST_LENGTHS[d.fileHashOp]) throw new OtsError(`${d.fileHashOp} digest must be ${DIGEST_LENGTHS[d.fileHashOp]} bytes`);
  return concatBytes(FILE_MAGIC, varuint(FILE_VERSION), Uint8Array.of(OP_TAGS[d.fileHashOp]), d.digest, serializeTimestamp(d.timestamp));
}
