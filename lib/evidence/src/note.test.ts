import { describe, expect, it } from 'vitest';
import { fromHex, toBase64, toHex } from './bytes.js';
import { nobleSigner, nobleVerifier } from './ed25519.js';
import { formatVerifierKey, noteKeyId, NoteError, parseNote, parseVerifierKey, signNote, verifyNote } from './note.js';
import { anchorLogOrigin, formatCheckpoint, parseCheckpoint, siteLogOrigin } from './checkpoint.js';

const TEST1 = nobleSigner(fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
const OTHER = nobleSigner(fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'));

describe('C2SP signed note', () => {
  it('verifies the spec example', async () => {
    const key = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    expect(toHex(noteKeyId(key.name, key.publicKey))).toBe('530d903a');
    const note = 'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    const v = await verifyNote(note, [key], nobleVerifier);
    expect(v).toEqual({ text: 'This is an example message.\n', verifiedBy: ['example.com/foo'] });
  });

  it('reproduces the golden checkpoint (§7.5) byte for byte', async () => {
    const name = 'evidence.example/site/clinic-001';
    expect(formatVerifierKey({ name, publicKey: TEST1.publicKey })).toBe('evidence.example/site/clinic-001+a03fbca5+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea');
    const text = formatCheckpoint({ origin: name, size: 1, root: fromBase64Root('X2FjJhE4TyRdbFcNbSqOLTCCcGxGAPCpyEJCzra3Tp8='), extensions: [] });
    const note = signNote(text, [{ name, signer: TEST1 }]);
    expect(note).toBe(
      'evidence.example/site/clinic-001\n1\nX2FjJhE4TyRdbFcNbSqOLTCCcGxGAPCpyEJCzra3Tp8=\n\n' +
        '— evidence.example/site/clinic-001 oD+8paAaozZtLw9G2x+Qg8LZQcwXU48N1tfjO1lu0UL8KRWzuHcnbbtO+75rHjurqmJHAr2wyFTm+IhN/LBiztPzyw8=\n',
    );
    const v = await verifyNote(note, [{ name, publicKey: TEST1.publicKey }], nobleVerifier);
    expect(parseCheckpoint(v.text)).toMatchObject({ origin: name, size: 1, extensions: [] });
  });

  it('ignores unknown keys, rejects a failing known key and a note with no known key', async () => {
    const text = 'o\n5\n' + toBase64(new Uint8Array(32)) + '\n';
    const note = signNote(text, [
      { name: 'log', signer: TEST1 },
      { name: 'witness', signer: OTHER },
    ]);
    const logKey = { name: 'log', publicKey: TEST1.publicKey };
    expect((await verifyNote(note, [logKey], nobleVerifier)).verifiedBy).toEqual(['log']);
    await expect(verifyNote(note, [{ name: 'nobody', publicKey: OTHER.publicKey }], nobleVerifier)).rejects.toThrow('no signature by a known key');
    // Same name, key registered for "witness" but the note signed with it under... a tampered text.
    const tampered = note.replace('\n5\n', '\n6\n');
    await expect(verifyNote(tampered, [logKey], nobleVerifier)).rejects.toThrow('signature by log does not verify');
  });

  it('rejects malformed notes with a reason', () => {
    expect(() => parseNote('no blank line\n')).toThrow(NoteError);
    expect(() => parseNote('text\n\n— log !!!\n')).toThrow(/not base64/);
    expect(() => parseNote('text\n\n- log AAAAAAAA\n')).toThrow(/malformed/);
    expect(() => parseNote('te\x01xt\n\n— log AAAAAAAA\n')).toThrow(/control character/);
    expect(() => parseNote(new Uint8Array([0xff, 0x0a, 0x0a]))).toThrow(/UTF-8/);
    expect(() => signNote('no newline', [])).toThrow(/end with a newline/);
    expect(() => parseVerifierKey('example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k')).toThrow(/does not match/);
  });
});

describe('checkpoint body', () => {
  it('round-trips with extensions and rejects bad fields', () => {
    const cp = { origin: siteLogOrigin('custos.test', 'tenant-1', 'site-1'), size: 42, root: new Uint8Array(32).fill(7), extensions: ['ext 1'] };
    expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
    expect(cp.origin).toBe('custos.test/evidence/tenant-1/site-1');
    expect(anchorLogOrigin('custos.test')).toBe('custos.test/evidence/anchors');
    expect(() => parseCheckpoint('o\n01\n' + toBase64(new Uint8Array(32)) + '\n')).toThrow(/size/);
    expect(() => parseCheckpoint('o\n1\n' + toBase64(new Uint8Array(31)) + '\n')).toThrow(/root/);
    expect(() => parseCheckpoint('o\n1\n')).toThrow(/origin, size and root/);
    expect(() => siteLogOrigin('custos.test', 'Dr Smith', 'site')).toThrow(/opaque/);
  });
});

function fromBase64Root(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
