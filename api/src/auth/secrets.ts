import { createHash, randomBytes } from 'node:crypto';

/** Bearer secrets carry a prefix saying what they are, so a leaked one is recognisable in a scan. */
export const TOKEN_PREFIX = { apiToken: 'cst_', appliance: 'cap_', session: 'css_' } as const;

export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A one-time enrolment code, readable aloud: 4 groups of 5 base32 characters (100 bits). */
export function newEnrolmentCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[bytes[i]! % 32];
  return out.match(/.{5}/g)!.join('-');
}

/** Codes are compared case-insensitively and without separators. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
