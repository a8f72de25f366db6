import { bytesEqual, concatBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.js';
import { sha256 } from './hash.js';
import { assertUsablePublicKey } from './ed25519.js';
import type { SignatureVerifier, Signer } from './ed25519.js';

// C2SP signed-note (C2SP/C2SP:signed-note.md): text ending in "\n", a blank line, then one line per
// signature, "— <name> <base64(keyID[4] ‖ signature)>". Only Ed25519 (type 0x01) keys verify here;
// signatures by other or unknown keys are ignored, as the spec requires.

export const ED25519_NOTE_TYPE = 0x01;
const EM_DASH_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 16;

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

export interface NoteKey {
  readonly name: string;
  readonly publicKey: Uint8Array;
}

function checkKeyName(name: string): void {
  if (name === '' || /[\s+]/u.test(name)) throw new NoteError(`key name ${JSON.stringify(name)} must be non-empty without spaces or "+"`);
}

/** keyID = SHA-256(name ‖ "\n" ‖ 0x01 ‖ pk)[:4]. */
export function noteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8(`${name}\n`), Uint8Array.of(ED25519_NOTE_TYPE), publicKey)).slice(0, 4);
}

/** Verifier key string `name+hex(keyID)+base64(0x01 ‖ pk)`. */
export function formatVerifierKey(key: NoteKey): string {
  checkKeyName(key.name);
  return `${key.name}+${toHex(noteKeyId(key.name, key.publicKey))}+${toBase64(concatBytes(Uint8Array.of(ED25519_NOTE_TYPE), key.publicKey))}`;
}

export function parseVerifierKey(vkey: string): NoteKey {
  const parts = vkey.split('+');
  if (parts.length !== 3) throw new NoteError(`verifier key ${JSON.stringify(vkey)} is not name+keyid+key`);
  const [name, idHex, keyB64] = parts as [string, string, string];
  checkKeyName(name);
  let raw: Uint8Array;
  try {
    raw = fromBase64(keyB64);
  } catch {
    throw new NoteError(`verifier key ${name}: key is not base64`);
  }
  if (raw.length !== 33 || raw[0] !== ED25519_NOTE_TYPE) throw new NoteError(`verifier key ${name}: not an Ed25519 (type 0x01) key`);
  const publicKey = raw.slice(1);
  assertUsablePublicKey(publicKey);
  if (!/^[0-9a-f]{8}$/.test(idHex) || !bytesEqual(fromHex(idHex), noteKeyId(name, publicKey))) {
    throw new NoteError(`verifier key ${name}: key id ${idHex} does not match the key`);
  }
  return { name, publicKey };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('note text must end with a newline');
  // No control characters other than newline, and no blank line (which would end the text early).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) throw new NoteError('note text contains a control character');
  }
  if (text.startsWith('\n') || text.includes('\n\n')) throw new NoteError('note text contains a blank line');
}

/** Signs `text` with each signer under its key name and returns the whole note. */
export function signNote(text: string, signers: readonly { name: string; signer: Signer }[]): string {
  checkText(text);
  const message = utf8(text);
  const lines = signers.map(({ name, signer }) => {
    checkKeyName(name);
    const sig = concatBytes(noteKeyId(name, signer.publicKey), signer.sign(message));
    return `${EM_DASH_PREFIX}${name} ${toBase64(sig)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export function parseNote(note: string | Uint8Array): ParsedNote {
  let s: string;
  try {
    s = typeof note === 'string' ? note : fromUtf8(note);
  } catch {
    throw new NoteError('note is not valid UTF-8');
  }
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('note has no blank line before its signatures');
  const text = s.slice(0, split + 1);
  checkText(text);
  const sigBlock = s.slice(split + 2);
  if (!sigBlock.endsWith('\n')) throw new NoteError('note signature block must end with a newline');
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError(`note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) throw new NoteError(`signature line ${i + 1} is malformed`);
    let raw: Uint8Array;
    try {
      raw = fromBase64(m[2]!);
    } catch {
      throw new NoteError(`signature line ${i + 1} is not base64`);
    }
    if (raw.length < 5) throw new NoteError(`signature line ${i + 1} is too short`);
    return { name: m[1]!, keyId: raw.slice(0, 4), signature: raw.slice(4) };
  });
  return { text, signatures };
}

export interface NoteVerification {
  readonly text: string;
  /** Names of the known keys whose signatures verified. */
  readonly verifiedBy: readonly string[];
}

/**
 * Verifies a note against known keys: signatures by unknown keys are ignored, a known key whose
 * signature fails rejects the note, and at least one known key must verify.
 */
export async function verifyNote(note: string | Uint8Array, keys: readonly NoteKey[], verifier: SignatureVerifier): Promise<NoteVerification> {
  const parsed = parseNote(note);
  const message = utf8(parsed.text);
  const verifiedBy: string[] = [];
  for (const sig of parsed.signatures) {
    const key = keys.find((k) => k.name === sig.name && bytesEqual(noteKeyId(k.name, k.publicKey), sig.keyId));
    if (!key) continue;
    if (!(await verifier.verify(key.publicKey, message, sig.signature))) {
      throw new NoteError(`signature by ${sig.name} does not verify`);
    }
    if (!verifiedBy.includes(key.name)) verifiedBy.push(key.name);
  }
  if (verifiedBy.length === 0) throw new NoteError('no signature by a known key');
  return { text: parsed.text, verifiedBy };
}
