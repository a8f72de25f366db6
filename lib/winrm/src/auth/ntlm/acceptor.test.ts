import { describe, expect, it } from 'vitest';
import { NtlmAcceptor, NtlmAuthError } from './acceptor.js';
import { NegotiateFlag } from './flags.js';
import { NtlmInitiator } from './initiator.js';
import { decodeAuthenticate, decodeChallenge, encodeNegotiate } from './messages.js';

const accounts = new Map([['labadmin', 'S3cret!pässword']]);
const acceptor = (): NtlmAcceptor =>
  new NtlmAcceptor({
    netbiosDomain: 'CUSTOSLAB',
    netbiosComputer: 'DC01',
    dnsDomain: 'custos.lab',
    dnsComputer: 'dc01.custos.lab',
    lookupPassword: (user) => accounts.get(user.toLowerCase()),
  });

function handshake(password: string, tamper?: (auth: Buffer) => void) {
  const server = acceptor();
  const client = new NtlmInitiator({ user: 'labadmin', domain: 'CUSTOSLAB', password });
  const challenge = server.challenge(client.negotiate());
  const { message, session } = client.authenticate(challenge);
  tamper?.(message);
  return { accepted: server.accept(message), clientSession: session, message };
}

describe('NtlmAcceptor ↔ NtlmInitiator', () => {
  it('authenticates with a MIC and both sides derive the same sealing keys', () => {
    const { accepted, clientSession, message } = handshake('S3cret!pässword');
    expect(decodeAuthenticate(message).mic).toBeDefined();
    expect(accepted.user).toBe('labadmin');
    const w = clientSession.wrap(Buffer.from('<s:Envelope/>'));
    expect(accepted.session.unwrap(w.sealed, w.signature).toString()).toBe('<s:Envelope/>');
    const back = accepted.session.wrap(Buffer.from('reply'));
    expect(clientSession.unwrap(back.sealed, back.signature).toString()).toBe('reply');
  });

  it('refuses a wrong password', () => {
    expect(() => handshake('wrong')).toThrow(/wrong password/);
  });

  it('refuses an AUTHENTICATE whose MIC was altered', () => {
    expect(() => handshake('S3cret!pässword', (m) => (m[80] = m[80]! ^ 0xff))).toThrow(/MIC does not verify/);
  });

  it('refuses an unknown account and NTLMv1 responses', () => {
    const server = acceptor();
    const client = new NtlmInitiator({ user: 'nobody', domain: 'X', password: 'p' });
    const { message } = client.authenticate(server.challenge(client.negotiate()));
    expect(() => server.accept(message)).toThrow(NtlmAuthError);
    expect(() => acceptor().accept(message)).toThrow(/before NEGOTIATE/);
  });

  it('answers an OEM-only NEGOTIATE (python ntlm_auth, flags 0xe2889032) with OEM', () => {
    const challenge = decodeChallenge(acceptor().challenge(encodeNegotiate(0xe2889032)));
    expect(challenge.flags & NegotiateFlag.OEM).toBeTruthy();
    expect(challenge.flags & NegotiateFlag.UNICODE).toBe(0);
    expect(challenge.targetName).toBe('CUSTOSLAB');
  });
});
