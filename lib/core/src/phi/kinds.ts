/** What the scrubber recognises. Each kind has its own placeholder, so the model still sees "an email was here". */
export const PHI_KINDS = ['name', 'account', 'mrn', 'ssn', 'dob', 'phone', 'email', 'address', 'insurance_id', 'card', 'ip'] as const;
export type PhiKind = (typeof PHI_KINDS)[number];

/** `[EMAIL_2]`: the same original value gets the same number within one scrub, so relations survive. */
export function placeholder(kind: PhiKind, n: number): string {
  return `[${kind.toUpperCase()}_${n}]`;
}

/** Recognises a placeholder the scrubber wrote (so a second scrub of scrubbed text leaves it alone). */
export const PLACEHOLDER = /^\[(?:NAME|ACCOUNT|MRN|SSN|DOB|PHONE|EMAIL|ADDRESS|INSURANCE_ID|CARD|IP|REDACTED)_\d+\]$/;
