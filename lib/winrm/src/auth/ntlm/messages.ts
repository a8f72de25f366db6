/**
 * NTLM message codec (MS-NLMP 2.2.1): NEGOTIATE, CHALLENGE and AUTHENTICATE. Decoders check every field offset
 * against the message length and say which field is bad, because these bytes arrive from the network.
 */
import { NegotiateFlag, hasFlag } from './flags.js';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
/** Version field we send: Windows 10 build 19041, NTLM revision 15 (the value is informational). */
export const DEFAULT_VERSION = Buffer.from([10, 0, 0x61, 0x4a, 0, 0, 0, 15]);

export class NtlmMessageError extends Error {
  override readonly name = 'NtlmMessageError';
}

export interface NegotiateMessage {
  flags: number;
  raw: Buffer;
}

export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetName: string;
  targetInfo: Buffer;
  raw: Buffer;
}

export interface AuthenticateMessage {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  /** The MIC, when the message has one (its payload starts at offset 88 or later). */
  mic: Buffer | undefined;
  micOffset: number;
  raw: Buffer;
}

/** UNICODE when negotiated, otherwise OEM (8-bit): python's ntlm_auth strips UNICODE and sends user names as OEM. */
const encodeText = (text: string, flags: number): Buffer => Buffer.from(text, hasFlag(flags, NegotiateFlag.UNICODE) ? 'utf16le' : 'latin1');
const decodeText = (data: Buffer, flags: number): string => data.toString(hasFlag(flags, NegotiateFlag.UNICODE) ? 'utf16le' : 'latin1');

function checkHeader(raw: Buffer, type: number, what: string): void {
  if (raw.length < 12 || !raw.subarray(0, 8).equals(SIGNATURE)) throw new NtlmMessageError(`ntlm: ${what} does not start with NTLMSSP signature`);
  const actual = raw.readUInt32LE(8);
  if (actual !== type) throw new NtlmMessageError(`ntlm: expected ${what} (type ${type}), got message type ${actual}`);
}

function readField(raw: Buffer, at: number, name: string): Buffer {
  if (raw.length < at + 8) throw new NtlmMessageError(`ntlm: message too short for the ${name} field header`);
  const len = raw.readUInt16LE(at);
  const off = raw.readUInt32LE(at + 4);
  if (len === 0) return Buffer.alloc(0);
  if (off + len > raw.length) throw new NtlmMessageError(`ntlm: ${name} (offset ${off}, length ${len}) runs past the ${raw.length}-byte message`);
  return raw.subarray(off, off + len);
}

/** Lays out a fixed header followed by a payload, filling in each field's (len, maxLen, offset) triple. */
function assemble(fixed: Buffer, fields: { at: number; data: Buffer }[]): Buffer {
  let offset = fixed.length;
  for (const f of fields) {
    fixed.writeUInt16LE(f.data.length, f.at);
    fixed.writeUInt16LE(f.data.length, f.at + 2);
    fixed.writeUInt32LE(offset, f.at + 4);
    offset += f.data.length;
  }
  return Buffer.concat([fixed, ...fields.map((f) => f.data)]);
}

export function encodeNegotiate(flags: number): Buffer {
  const fixed = Buffer.alloc(40);
  SIGNATURE.copy(fixed, 0);
  fixed.writeUInt32LE(1, 8);
  fixed.writeUInt32LE(flags >>> 0, 12);
  DEFAULT_VERSION.copy(fixed, 32);
  return assemble(fixed, [
    { at: 16, data: Buffer.alloc(0) },
    { at: 24, data: Buffer.alloc(0) },
  ]);
}

export function decodeNegotiate(raw: Buffer): NegotiateMessage {
  checkHeader(raw, 1, 'NEGOTIATE_MESSAGE');
  if (raw.length < 16) throw new NtlmMessageError('ntlm: NEGOTIATE_MESSAGE too short for its flags');
  return { flags: raw.readUInt32LE(12), raw };
}

export function encodeChallenge(m: { flags: number; serverChallenge: Buffer; targetName: string; targetInfo: Buffer }): Buffer {
  const fixed = Buffer.alloc(56);
  SIGNATURE.copy(fixed, 0);
  fixed.writeUInt32LE(2, 8);
  fixed.writeUInt32LE(m.flags >>> 0, 20);
  m.serverChallenge.copy(fixed, 24);
  DEFAULT_VERSION.copy(fixed, 48);
  return assemble(fixed, [
    { at: 12, data: encodeText(m.targetName, m.flags) },
    { at: 40, data: m.targetInfo },
  ]);
}

export function decodeChallenge(raw: Buffer): ChallengeMessage {
  checkHeader(raw, 2, 'CHALLENGE_MESSAGE');
  if (raw.length < 48) throw new NtlmMessageError(`ntlm: CHALLENGE_MESSAGE of ${raw.length} bytes is shorter than its 48-byte header`);
  const flags = raw.readUInt32LE(20);
  return {
    flags,
    serverChallenge: Buffer.from(raw.subarray(24, 32)),
    targetName: decodeText(readField(raw, 12, 'TargetName'), flags),
    targetInfo: hasFlag(flags, NegotiateFlag.TARGET_INFO) ? Buffer.from(readField(raw, 40, 'TargetInfo')) : Buffer.alloc(0),
    raw,
  };
}

export interface AuthenticateFields {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  /** Reserve 16 bytes for a MIC (zeroed; the caller fills it in at MIC_OFFSET). */
  withMicField: boolean;
  version?: Buffer;
}

/** MIC field position in an AUTHENTICATE message that has Version + MIC. */
export const MIC_OFFSET = 72;

export function encodeAuthenticate(m: AuthenticateFields): Buffer {
  const fixed = Buffer.alloc(m.withMicField ? 88 : 72);
  SIGNATURE.copy(fixed, 0);
  fixed.writeUInt32LE(3, 8);
  fixed.writeUInt32LE(m.flags >>> 0, 60);
  (m.version ?? DEFAULT_VERSION).copy(fixed, 64);
  return assemble(fixed, [
    { at: 28, data: encodeText(m.domain, m.flags) },
    { at: 36, data: encodeText(m.user, m.flags) },
    { at: 44, data: encodeText(m.workstation, m.flags) },
    { at: 12, data: m.lmChallengeResponse },
    { at: 20, data: m.ntChallengeResponse },
    { at: 52, data: m.encryptedRandomSessionKey },
  ]);
}

export function decodeAuthenticate(raw: Buffer): AuthenticateMessage {
  checkHeader(raw, 3, 'AUTHENTICATE_MESSAGE');
  if (raw.length < 64) throw new NtlmMessageError(`ntlm: AUTHENTICATE_MESSAGE of ${raw.length} bytes is shorter than its 64-byte header`);
  const flags = raw.readUInt32LE(60);
  const fieldAt = [12, 20, 28, 36, 44, 52];
  // The payload starts where the first non-empty field points; a MIC exists when there is room for it.
  let payloadStart = raw.length;
  for (const at of fieldAt) if (raw.readUInt16LE(at) > 0) payloadStart = Math.min(payloadStart, raw.readUInt32LE(at + 4));
  const hasMic = payloadStart >= MIC_OFFSET + 16 && raw.length >= MIC_OFFSET + 16;
  return {
    flags,
    lmChallengeResponse: readField(raw, 12, 'LmChallengeResponse'),
    ntChallengeResponse: readField(raw, 20, 'NtChallengeResponse'),
    domain: decodeText(readField(raw, 28, 'DomainName'), flags),
    user: decodeText(readField(raw, 36, 'UserName'), flags),
    workstation: decodeText(readField(raw, 44, 'Workstation'), flags),
    encryptedRandomSessionKey: readField(raw, 52, 'EncryptedRandomSessionKey'),
    mic: hasMic ? Buffer.from(raw.subarray(MIC_OFFSET, MIC_OFFSET + 16)) : undefined,
    micOffset: MIC_OFFSET,
    raw,
  };
}
