/**
 * Server side of NTLMv2 (MS-NLMP 3.2.5), for the lab: CHALLENGE for a NEGOTIATE, then verify the AUTHENTICATE
 * (NTProofStr, MIC) and derive the same session keys as the client. Accepts OEM clients (python's ntlm_auth strips
 * UNICODE and sends 8-bit user names, reference §2.3); refuses NTLMv1 responses.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AV_FLAG_MIC_PRESENT, AvId, avString, decodeAvPairs, encodeAvPairs } from './av-pairs.js';
import { NegotiateFlag, hasFlag } from './flags.js';
import { computeMic, decryptSessionKey, fileTime, hmacMd5, ntowfv2 } from './keys.js';
import { decodeAuthenticate, decodeNegotiate, encodeChallenge } from './messages.js';
import { NtlmSession } from './session-security.js';

export interface NtlmAcceptorOptions {
  /** NetBIOS domain (target name), e.g. CUSTOSLAB. */
  netbiosDomain: string;
  netbiosComputer: string;
  dnsDomain: string;
  dnsComputer: string;
  /** The password of (user, domain as sent by the client), or undefined when there is no such account. */
  lookupPassword(user: string, domain: string): string | undefined;
  serverChallenge?: () => Buffer;
  now?: () => Date;
}

export class NtlmAuthError extends Error {
  override readonly name = 'NtlmAuthError';
}

const SERVER_FLAGS =
  NegotiateFlag.REQUEST_TARGET |
  NegotiateFlag.SIGN |
  NegotiateFlag.SEAL |
  NegotiateFlag.NTLM |
  NegotiateFlag.ALWAYS_SIGN |
  NegotiateFlag.EXTENDED_SESSIONSECURITY |
  NegotiateFlag.VERSION |
  NegotiateFlag.KEY_128 |
  NegotiateFlag.KEY_EXCH |
  NegotiateFlag.KEY_56;

export interface AcceptedContext {
  user: string;
  domain: string;
  session: NtlmSession;
}

/** One acceptor per connection: NTLM authenticates the TCP connection, not the request. */
export class NtlmAcceptor {
  private negotiateRaw: Buffer | undefined;
  private challengeRaw: Buffer | undefined;
  private serverChallenge: Buffer | undefined;

  constructor(private readonly opts: NtlmAcceptorOptions) {}

  challenge(negotiateRaw: Buffer): Buffer {
    const negotiate = decodeNegotiate(negotiateRaw);
    const charset = hasFlag(negotiate.flags, NegotiateFlag.UNICODE) ? NegotiateFlag.UNICODE : NegotiateFlag.OEM;
    const flags = ((negotiate.flags & SERVER_FLAGS) | charset | NegotiateFlag.TARGET_INFO | NegotiateFlag.TARGET_TYPE_DOMAIN) >>> 0;
    this.serverChallenge = this.opts.serverChallenge?.() ?? randomBytes(8);
    const targetInfo = encodeAvPairs([
      avString(AvId.NbDomainName, this.opts.netbiosDomain),
      avString(AvId.NbComputerName, this.opts.netbiosComputer),
      avString(AvId.DnsDomainName, this.opts.dnsDomain),
      avString(AvId.DnsComputerName, this.opts.dnsComputer),
      avString(AvId.DnsTreeName, this.opts.dnsDomain),
      { id: AvId.Timestamp, value: fileTime(this.opts.now?.() ?? new Date()) },
    ]);
    this.negotiateRaw = negotiateRaw;
    this.challengeRaw = encodeChallenge({ flags, serverChallenge: this.serverChallenge, targetName: this.opts.netbiosDomain, targetInfo });
    return this.challengeRaw;
  }

  accept(authenticateRaw: Buffer): AcceptedContext {
    if (!this.negotiateRaw || !this.challengeRaw || !this.serverChallenge) throw new NtlmAuthError('ntlm: AUTHENTICATE before NEGOTIATE on this connection');
    const auth = decodeAuthenticate(authenticateRaw);
    if (auth.ntChallengeResponse.length === 24) throw new NtlmAuthError('ntlm: NTLMv1 response refused');
    if (auth.ntChallengeResponse.length < 48) throw new NtlmAuthError(`ntlm: NTLMv2 response of ${auth.ntChallengeResponse.length} bytes is too short`);
    if (auth.user === '') throw new NtlmAuthError('ntlm: anonymous authentication refused');
    const password = this.opts.lookupPassword(auth.user, auth.domain);
    if (password === undefined) throw new NtlmAuthError(`ntlm: unknown account ${auth.domain}\\${auth.user}`);

    const responseKeyNt = ntowfv2(password, auth.user, auth.domain);
    const ntProofStr = auth.ntChallengeResponse.subarray(0, 16);
    const blob = auth.ntChallengeResponse.subarray(16);
    const expected = hmacMd5(responseKeyNt, this.serverChallenge, blob);
    if (!timingSafeEqual(expected, ntProofStr)) throw new NtlmAuthError(`ntlm: wrong password for ${auth.domain}\\${auth.user}`);

    const sessionBaseKey = hmacMd5(responseKeyNt, ntProofStr);
    const keyExchange = hasFlag(auth.flags, NegotiateFlag.KEY_EXCH);
    const exportedSessionKey = keyExchange ? decryptSessionKey(sessionBaseKey, auth.encryptedRandomSessionKey) : sessionBaseKey;

    // blob = 01 01 00*6 | time(8) | client challenge(8) | 00*4 | AV pairs | 00*4
    const clientPairs = decodeAvPairs(blob.subarray(28));
    const avFlags = clientPairs.find((p) => p.id === AvId.Flags)?.value.readUInt32LE(0) ?? 0;
    if (avFlags & AV_FLAG_MIC_PRESENT) {
      if (!auth.mic) throw new NtlmAuthError('ntlm: MsvAvFlags announces a MIC but the message has none');
      const zeroed = Buffer.from(authenticateRaw);
      zeroed.fill(0, auth.micOffset, auth.micOffset + 16);
      const mic = computeMic(exportedSessionKey, this.negotiateRaw, this.challengeRaw, zeroed);
      if (!timingSafeEqual(mic, auth.mic)) throw new NtlmAuthError('ntlm: MIC does not verify (messages altered in transit)');
    }
    return { user: auth.user, domain: auth.domain, session: new NtlmSession(exportedSessionKey, 'server', keyExchange) };
  }
}
