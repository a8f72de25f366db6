/**
 * NTLMv2 key derivation (MS-NLMP 3.3.2, 3.4.5). Pure functions over Buffers; every one is checked against the
 * MS-NLMP 4.2.4 vectors in keys.test.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { md4 } from './md4.js';
import { rc4 } from './rc4.js';

export const hmacMd5 = (key: Uint8Array, ...data: Uint8Array[]): Buffer => {
  const h = createHmac('md5', key);
  for (const d of data) h.update(d);
  return h.digest();
};

const md5 = (...data: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const d of data) h.update(d);
  return h.digest();
};

/** NTOWFv1 = MD4(UTF-16LE(password)). */
export const ntowfv1 = (password: string): Buffer => md4(Buffer.from(password, 'utf16le'));

/** NTOWFv2 = HMAC_MD5(NTOWFv1, UTF-16LE(UPPER(user) + domain)); the domain is used as sent, not uppercased. */
export const ntowfv2 = (password: string, user: string, domain: string): Buffer =>
  hmacMd5(ntowfv1(password), Buffer.from(user.toUpperCase() + domain, 'utf16le'));

/** The NTLMv2 client blob ("temp" in MS-NLMP 3.3.2). */
export function ntlmv2Blob(time: Buffer, clientChallenge: Buffer, targetInfo: Buffer): Buffer {
  return Buffer.concat([Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]), time, clientChallenge, Buffer.alloc(4), targetInfo, Buffer.alloc(4)]);
}

export interface Ntlmv2Response {
  ntProofStr: Buffer;
  ntChallengeResponse: Buffer;
  lmChallengeResponse: Buffer;
  sessionBaseKey: Buffer;
}

export function ntlmv2Response(
  responseKeyNt: Buffer,
  serverChallenge: Buffer,
  clientChallenge: Buffer,
  time: Buffer,
  targetInfo: Buffer,
): Ntlmv2Response {
  const blob = ntlmv2Blob(time, clientChallenge, targetInfo);
  const ntProofStr = hmacMd5(responseKeyNt, serverChallenge, blob);
  return {
    ntProofStr,
    ntChallengeResponse: Buffer.concat([ntProofStr, blob]),
    lmChallengeResponse: Buffer.concat([hmacMd5(responseKeyNt, serverChallenge, clientChallenge), clientChallenge]),
    sessionBaseKey: hmacMd5(responseKeyNt, ntProofStr),
  };
}

/** With KEY_EXCH the client picks the session key and sends it RC4-encrypted under the key exchange key. */
export const encryptSessionKey = (keyExchangeKey: Buffer, exportedSessionKey: Buffer): Buffer => rc4(keyExchangeKey, exportedSessionKey);
export const decryptSessionKey = encryptSessionKey;

const magic = (text: string): Buffer => Buffer.from(`${text}\0`, 'latin1');
const CLIENT_SIGN = magic('session key to client-to-server signing key magic constant');
const SERVER_SIGN = magic('session key to server-to-client signing key magic constant');
const CLIENT_SEAL = magic('session key to client-to-server sealing key magic constant');
const SERVER_SEAL = magic('session key to server-to-client sealing key magic constant');

export interface SessionKeys {
  clientSignKey: Buffer;
  serverSignKey: Buffer;
  clientSealKey: Buffer;
  serverSealKey: Buffer;
}

/** SIGNKEY / SEALKEY with extended session security and 128-bit keys (the only mode we accept). */
export function sessionKeys(exportedSessionKey: Buffer): SessionKeys {
  return {
    clientSignKey: md5(exportedSessionKey, CLIENT_SIGN),
    serverSignKey: md5(exportedSessionKey, SERVER_SIGN),
    clientSealKey: md5(exportedSessionKey, CLIENT_SEAL),
    serverSealKey: md5(exportedSessionKey, SERVER_SEAL),
  };
}

/** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with the MIC field zeroed). */
export const computeMic = (exportedSessionKey: Buffer, negotiate: Buffer, challenge: Buffer, authenticate: Buffer): Buffer =>
  hmacMd5(exportedSessionKey, negotiate, challenge, authenticate);

/** Windows FILETIME (100 ns ticks since 1601-01-01) as 8 little-endian bytes. */
export function fileTime(date: Date): Buffer {
  const ticks = (BigInt(date.getTime()) + 11644473600000n) * 10000n;
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(ticks);
  return out;
}
