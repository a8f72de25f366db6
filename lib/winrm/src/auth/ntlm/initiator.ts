/**
 * Client side of NTLMv2 (MS-NLMP 3.1.5.1): NEGOTIATE out, CHALLENGE in, AUTHENTICATE out with a MIC, and the
 * session security for message encryption. NTLMv1 is refused: a server that does not offer extended session
 * security and target info cannot do NTLMv2, and WinRM message encryption without it would be weak.
 */
import { randomBytes } from 'node:crypto';
import { AV_FLAG_MIC_PRESENT, AvId, decodeAvPairs, encodeAvPairs, type AvPair } from './av-pairs.js';
import { CLIENT_NEGOTIATE_FLAGS, NegotiateFlag, hasFlag } from './flags.js';
import { computeMic, encryptSessionKey, fileTime, ntlmv2Response, ntowfv2 } from './keys.js';
import { MIC_OFFSET, decodeChallenge, encodeAuthenticate, encodeNegotiate } from './messages.js';
import { NtlmSession } from './session-security.js';

export interface NtlmCredentials {
  user: string;
  /** NetBIOS or DNS domain; empty for a local account. */
  domain: string;
  password: string;
  workstation?: string;
}

/** Injectable randomness and clock, so tests can reproduce the MS-NLMP vectors. */
export interface NtlmEntropy {
  clientChallenge(): Buffer;
  exportedSessionKey(): Buffer;
  now(): Date;
}

const systemEntropy: NtlmEntropy = {
  clientChallenge: () => randomBytes(8),
  exportedSessionKey: () => randomBytes(16),
  now: () => new Date(),
};

export class NtlmRefusedError extends Error {
  override readonly name = 'NtlmRefusedError';
}

export class NtlmInitiator {
  private negotiateMessage: Buffer | undefined;

  constructor(
    private readonly credentials: NtlmCredentials,
    private readonly entropy: NtlmEntropy = systemEntropy,
  ) {}

  negotiate(): Buffer {
    this.negotiateMessage = encodeNegotiate(CLIENT_NEGOTIATE_FLAGS);
    return this.negotiateMessage;
  }

  /** Answers the server's CHALLENGE; returns the AUTHENTICATE message and the session for sealing. */
  authenticate(challengeRaw: Buffer): { message: Buffer; session: NtlmSession } {
    if (!this.negotiateMessage) throw new Error('ntlm: authenticate() before negotiate()');
    const challenge = decodeChallenge(challengeRaw);
    if (!hasFlag(challenge.flags, NegotiateFlag.EXTENDED_SESSIONSECURITY) || challenge.targetInfo.length === 0) {
      throw new NtlmRefusedError('ntlm: server offers only NTLMv1 (no extended session security / target info); refusing');
    }
    const flags = (challenge.flags & CLIENT_NEGOTIATE_FLAGS & ~(hasFlag(challenge.flags, NegotiateFlag.UNICODE) ? NegotiateFlag.OEM : 0)) >>> 0;
    if (!hasFlag(flags, NegotiateFlag.SEAL) || !hasFlag(flags, NegotiateFlag.KEY_128)) {
      throw new NtlmRefusedError('ntlm: server does not offer 128-bit sealing; refusing');
    }

    const pairs = decodeAvPairs(challenge.targetInfo);
    const timestamp = pairs.find((p) => p.id === AvId.Timestamp)?.value;
    // With a server timestamp the client must send a MIC and say so in MsvAvFlags (MS-NLMP 3.1.5.1.2).
    const withMic = timestamp !== undefined;
    const responsePairs: AvPair[] = pairs.filter((p) => p.id !== AvId.Flags);
    if (withMic) {
      const avFlags = Buffer.alloc(4);
      avFlags.writeUInt32LE(((pairs.find((p) => p.id === AvId.Flags)?.value.readUInt32LE(0) ?? 0) | AV_FLAG_MIC_PRESENT) >>> 0);
      responsePairs.push({ id: AvId.Flags, value: avFlags });
    }
    const time = timestamp ?? fileTime(this.entropy.now());
    const { user, domain, password } = this.credentials;
    const responseKeyNt = ntowfv2(password, user, domain);
    const r = ntlmv2Response(responseKeyNt, challenge.serverChallenge, this.entropy.clientChallenge(), time, encodeAvPairs(responsePairs));

    let exportedSessionKey: Buffer = r.sessionBaseKey;
    let encryptedRandomSessionKey: Buffer = Buffer.alloc(0);
    if (hasFlag(flags, NegotiateFlag.KEY_EXCH)) {
      exportedSessionKey = this.entropy.exportedSessionKey();
      encryptedRandomSessionKey = encryptSessionKey(r.sessionBaseKey, exportedSessionKey);
    }
    const message = encodeAuthenticate({
      flags,
      // With a MIC, LMv2 is sent as zeros (MS-NLMP 3.1.5.1.2: the client SHOULD NOT send it with MsvAvTimestamp).
      lmChallengeResponse: withMic ? Buffer.alloc(24) : r.lmChallengeResponse,
      ntChallengeResponse: r.ntChallengeResponse,
      domain,
      user,
      workstation: this.credentials.workstation ?? '',
      encryptedRandomSessionKey,
      withMicField: withMic,
    });
    if (withMic) computeMic(exportedSessionKey, this.negotiateMessage, challenge.raw, message).copy(message, MIC_OFFSET);
    return { message, session: new NtlmSession(exportedSessionKey, 'client', hasFlag(flags, NegotiateFlag.KEY_EXCH)) };
  }
}
