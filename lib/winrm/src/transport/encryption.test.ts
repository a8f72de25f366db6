import { describe, expect, it } from 'vitest';
import { NtlmSession } from '../auth/ntlm/session-security.js';
import { ENCRYPTED_CONTENT_TYPE, decryptMessage, encryptMessage, isEncryptedContentType } from './encryption.js';

const KEY = Buffer.alloc(16, 0x55);

describe('multipart/encrypted framing', () => {
  it('lays the parts out byte-exact as MS-WSMV 2.2.9.1.1 (and pywinrm) expect', () => {
    const msg = Buffer.from('<s:Envelope>ü</s:Envelope>');
    const body = encryptMessage(new NtlmSession(KEY, 'client'), msg);
    const text = body.toString('latin1');
    expect(text.startsWith('--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n')).toBe(true);
    expect(text).toContain(`\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${msg.length}\r\n--Encrypted Boundary\r\n`);
    expect(text).toContain('\tContent-Type: application/octet-stream\r\n\x10\x00\x00\x00');
    expect(text.endsWith('--Encrypted Boundary--\r\n')).toBe(true);
    // pywinrm's test_encryption.py frames a 19-byte message with a 4-byte stub signature and a 28-byte stub
    // ciphertext into Content-Length 272, i.e. 236 bytes of framing; ours must be the same for a 19-byte message.
    const nineteen = encryptMessage(new NtlmSession(KEY, 'client'), Buffer.from('unencrypted message'));
    expect(nineteen.length - 4 - 16 - 19).toBe(272 - 4 - 4 - 28);
  });

  it('round-trips between client and server sessions', () => {
    const client = new NtlmSession(KEY, 'client');
    const server = new NtlmSession(KEY, 'server');
    for (const text of ['a', '<x>'.repeat(5000), '']) {
      expect(decryptMessage(server, encryptMessage(client, Buffer.from(text))).toString()).toBe(text);
      expect(decryptMessage(client, encryptMessage(server, Buffer.from(text))).toString()).toBe(text);
    }
  });

  it('says what is wrong with a bad body', () => {
    const server = new NtlmSession(KEY, 'server');
    expect(() => decryptMessage(server, Buffer.from('<s:Envelope/>'))).toThrow(/does not start with --Encrypted Boundary/);
    const good = encryptMessage(new NtlmSession(KEY, 'client'), Buffer.from('hello'));
    const wrongLength = Buffer.from(good.toString('latin1').replace('Length=5', 'Length=6'), 'latin1');
    expect(() => decryptMessage(server, wrongLength)).toThrow(/Length=6/);
  });

  it('recognises the content type', () => {
    expect(isEncryptedContentType(ENCRYPTED_CONTENT_TYPE)).toBe(true);
    expect(isEncryptedContentType('application/soap+xml;charset=UTF-8')).toBe(false);
  });
});
