/**
 * MS-NLMP §4.2 test vectors (reference winrm.md §2.6): every quantity of the NTLMv2 example, the sealing and
 * signing example both with and without KEY_EXCH, the golden AUTHENTICATE message, and the NTLMv1 values we
 * must refuse.
 */
import { describe, expect, it } from 'vitest';
import { AvId, avString, encodeAvPairs } from './av-pairs.js';
import { NegotiateFlag } from './flags.js';
import { encryptSessionKey, hmacMd5, ntlmv2Response, ntowfv1, ntowfv2, sessionKeys } from './keys.js';
import { md4 } from './md4.js';
import { decodeAuthenticate, encodeAuthenticate, encodeChallenge } from './messages.js';
import { NtlmSession } from './session-security.js';
import { NtlmInitiator, NtlmRefusedError } from './initiator.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

const USER = 'User';
const DOMAIN = 'Domain';
const PASSWORD = 'Password';
const RANDOM_SESSION_KEY = Buffer.alloc(16, 0x55);
const TIME = Buffer.alloc(8);
const CLIENT_CHALLENGE = Buffer.alloc(8, 0xaa);
const SERVER_CHALLENGE = hex('0123456789abcdef');
const TARGET_INFO = encodeAvPairs([avString(AvId.NbDomainName, 'Domain'), avString(AvId.NbComputerName, 'Server')]);

describe('MS-NLMP 4.2.4 NTLMv2', () => {
  const responseKeyNt = ntowfv2(PASSWORD, USER, DOMAIN);
  const r = ntlmv2Response(responseKeyNt, SERVER_CHALLENGE, CLIENT_CHALLENGE, TIME, TARGET_INFO);
  const keys = sessionKeys(RANDOM_SESSION_KEY);

  it('target info AV pairs', () => {
    expect(TARGET_INFO.toString('hex')).toBe('02000c0044006f006d00610069006e00' + '01000c00530065007200760065007200' + '00000000');
  });
  it('NTOWFv1', () => expect(ntowfv1(PASSWORD).toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852'));
  it('ResponseKeyNT (NTOWFv2)', () => expect(responseKeyNt.toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f'));
  it('NTProofStr', () => expect(r.ntProofStr.toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c'));
  it('LMv2 response', () => expect(r.lmChallengeResponse.toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa'));
  it('SessionBaseKey', () => expect(r.sessionBaseKey.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3'));
  it('EncryptedRandomSessionKey', () =>
    expect(encryptSessionKey(r.sessionBaseKey, RANDOM_SESSION_KEY).toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e'));
  it('client and server seal and sign keys', () => {
    expect(keys.clientSealKey.toString('hex')).toBe('59f600973cc4960a25480a7c196e4c58');
    expect(keys.clientSignKey.toString('hex')).toBe('4788dc861b4782f35d43fd98fe1a2d39');
    expect(keys.serverSealKey.toString('hex')).toBe('9355f3a957c1583d25c4c2f11e40390e');
    expect(keys.serverSignKey.toString('hex')).toBe('d04d6f10741041d1d246d64188d7a8ad');
  });

  it('seals "Plaintext" and signs it with KEY_EXCH (sequence 0)', () => {
    const { sealed, signature } = new NtlmSession(RANDOM_SESSION_KEY, 'client', true).wrap(Buffer.from('Plaintext', 'utf16le'));
    expect(sealed.toString('hex')).toBe('54e50165bf1936dc996020c1811b0f06fb5f');
    expect(signature.toString('hex')).toBe('010000007fb38ec5c55d497600000000');
  });

  it('signs "Plaintext" without KEY_EXCH', () => {
    const { signature } = new NtlmSession(RANDOM_SESSION_KEY, 'client', false).wrap(Buffer.from('Plaintext', 'utf16le'));
    expect(signature.toString('hex')).toBe('0100000070352851f256430900000000');
  });

  it('the server side unseals what the client sealed, and the reverse, across many messages', () => {
    const client = new NtlmSession(RANDOM_SESSION_KEY, 'client');
    const server = new NtlmSession(RANDOM_SESSION_KEY, 'server');
    for (let i = 0; i < 5; i++) {
      const req = Buffer.from(`request ${i} ✓`);
      const w = client.wrap(req);
      expect(server.unwrap(w.sealed, w.signature)).toEqual(req);
      const res = Buffer.from(`response ${i}`);
      const v = server.wrap(res);
      expect(client.unwrap(v.sealed, v.signature)).toEqual(res);
    }
  });

  it('rejects a tampered message and a replayed sequence number', () => {
    const client = new NtlmSession(RANDOM_SESSION_KEY, 'client');
    const server = new NtlmSession(RANDOM_SESSION_KEY, 'server');
    const w = client.wrap(Buffer.from('hello'));
    const tampered = Buffer.from(w.sealed);
    tampered[0] = tampered[0]! ^ 1;
    expect(() => server.unwrap(tampered, w.signature)).toThrow(/does not verify/);
    const server2 = new NtlmSession(RANDOM_SESSION_KEY, 'server');
    const first = client.wrap(Buffer.from('one'));
    expect(() => server2.unwrap(first.sealed, first.signature)).toThrow(/sequence number 1, expected 0/);
  });

  const GOLDEN = hex(`
    4e544c4d5353500003000000180018006c00000054005400840000000c000c00480000000800080054000000
    100010005c00000010001000d8000000358288e20501280a0000000f44006f006d00610069006e0055007300
    6500720043004f004d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa
    68cd0ab851e51c96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000
    02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000
    c5dad2544fc9799094ce1ce90bc9d03e`);

  it('parses the golden AUTHENTICATE_MESSAGE', () => {
    const m = decodeAuthenticate(GOLDEN);
    expect(GOLDEN).toHaveLength(232);
    expect(m.flags).toBe(0xe2888235);
    expect([m.domain, m.user, m.workstation]).toEqual(['Domain', 'User', 'COMPUTER']);
    expect(m.lmChallengeResponse).toEqual(r.lmChallengeResponse);
    expect(m.ntChallengeResponse).toEqual(r.ntChallengeResponse);
    expect(m.encryptedRandomSessionKey.toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(m.mic).toBeUndefined();
  });

  it('emits the golden AUTHENTICATE_MESSAGE byte for byte', () => {
    const out = encodeAuthenticate({
      flags: 0xe2888235,
      lmChallengeResponse: r.lmChallengeResponse,
      ntChallengeResponse: r.ntChallengeResponse,
      domain: 'Domain',
      user: 'User',
      workstation: 'COMPUTER',
      encryptedRandomSessionKey: encryptSessionKey(r.sessionBaseKey, RANDOM_SESSION_KEY),
      withMicField: false,
      version: hex('0501280a0000000f'),
    });
    expect(out.toString('hex')).toBe(GOLDEN.toString('hex'));
  });

  it('our initiator reproduces the vector NT response and session key from the 4.2.4 challenge', () => {
    const challenge = encodeChallenge({
      flags: 0xe28a8233,
      serverChallenge: SERVER_CHALLENGE,
      targetName: 'Server',
      targetInfo: TARGET_INFO,
    });
    const initiator = new NtlmInitiator(
      { user: USER, domain: DOMAIN, password: PASSWORD, workstation: 'COMPUTER' },
      { clientChallenge: () => CLIENT_CHALLENGE, exportedSessionKey: () => RANDOM_SESSION_KEY, now: () => new Date(Date.UTC(1601, 0, 1)) },
    );
    initiator.negotiate();
    const { message, session } = initiator.authenticate(challenge);
    const m = decodeAuthenticate(message);
    expect(m.ntChallengeResponse.toString('hex')).toBe(r.ntChallengeResponse.toString('hex'));
    expect(m.lmChallengeResponse).toEqual(r.lmChallengeResponse); // no server timestamp → no MIC → real LMv2
    expect(m.encryptedRandomSessionKey.toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(m.flags & NegotiateFlag.UNICODE).toBeTruthy();
    expect(session.wrap(Buffer.from('Plaintext', 'utf16le')).signature.toString('hex')).toBe('010000007fb38ec5c55d497600000000');
  });
});

describe('MS-NLMP 4.2.2/4.2.3 NTLMv1 (only to be refused)', () => {
  // The v1 NT response itself is DES-based (vector 67c43011…); Node 20's OpenSSL has DES only in the legacy
  // provider and we never produce v1 responses, so only the MD4/HMAC-derived keys are pinned here.
  it('session base key = MD4(NTOWFv1)', () => {
    expect(md4(ntowfv1(PASSWORD)).toString('hex')).toBe('d87262b0cde4b1cb7499becccdf10784');
  });

  it('with extended session security: key', () => {
    const nt = ntowfv1(PASSWORD);
    const key = hmacMd5(md4(nt), Buffer.concat([SERVER_CHALLENGE, CLIENT_CHALLENGE]));
    expect(key.toString('hex')).toBe('eb93429a8bd952f8b89c55b87f475edc');
  });

  it('our initiator refuses a server that offers only NTLMv1', () => {
    const challenge = encodeChallenge({ flags: 0xe2028233, serverChallenge: SERVER_CHALLENGE, targetName: 'Server', targetInfo: Buffer.alloc(0) });
    const initiator = new NtlmInitiator({ user: USER, domain: DOMAIN, password: PASSWORD });
    initiator.negotiate();
    expect(() => initiator.authenticate(challenge)).toThrow(NtlmRefusedError);
  });
});
