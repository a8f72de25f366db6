import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, utf8, toHex } from '../bytes.js';
import { ripemd160, sha1, sha256 } from '../hash.js';
import { MAX_MESSAGE, OtsError } from './types.js';
import type { OtsOp } from './types.js';

/** Applies one operation to a message, enforcing the reference implementations' message size limit. */
export function applyOp(op: OtsOp, msg: Uint8Array): Uint8Array {
  let out: Uint8Array;
  switch (op.kind) {
    case 'append':
      out = concatBytes(msg, op.arg);
      break;
    case 'prepend':
      out = concatBytes(op.arg, msg);
      break;
    case 'reverse':
      out = msg.slice().reverse();
      break;
    case 'hexlify':
      out = utf8(toHex(msg));
      break;
    case 'sha256':
      out = sha256(msg);
      break;
    case 'sha1':
      out = sha1(msg);
      break;
    case 'ripemd160':
      out = ripemd160(msg);
      break;
    case 'keccak256':
      out = keccak_256(msg);
      break;
  }
  if (out.length > MAX_MESSAGE) throw new OtsError(`${op.kind} produced a ${out.length}-byte message (limit ${MAX_MESSAGE})`);
  return out;
}
