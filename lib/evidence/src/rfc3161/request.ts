import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// RFC 3161 §2.4.1 TimeStampReq for a SHA-256 imprint, with a random nonce and certReq set so the
// token carries the TSA certificate (an offline verifier needs it).

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';

export interface TimestampRequest {
  readonly der: Uint8Array;
  readonly nonce: bigint;
}

export function randomNonce(): bigint {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(8));
  b[0] = (b[0]! & 0x7f) | 0x01; // positive and with no leading zero byte, so DER keeps all 8 bytes
  return BigInt(`0x${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`);
}

export function integerBytes(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

export function buildTimestampRequest(digest: Uint8Array, nonce: bigint = randomNonce()): TimestampRequest {
  if (digest.length !== 32) throw new Error('RFC 3161 imprint must be a 32-byte SHA-256 digest');
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest.slice().buffer }),
    }),
    nonce: new asn1js.Integer({ valueHex: integerBytes(nonce).buffer as ArrayBuffer }),
    certReq: true,
  });
  return { der: new Uint8Array(req.toSchema().toBER(false)), nonce };
}
