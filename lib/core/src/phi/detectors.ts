/**
 * Detectors for PHI in free text. Each finds candidates with a regular expression; when the
 * expression has a named group `phi`, only that group is replaced and the label around it (say
 * "MRN: ") is kept, so the model still knows what kind of value was there. Order matters: earlier
 * detectors claim text first (a card number is not also a phone number).
 *
 * Bias: a false positive costs a little context, a false negative leaks PHI to a third party, so
 * where the two conflict the detector errs towards redacting — except for values that host facts
 * are full of (versions, KB numbers, SIDs, GUIDs, timestamps, registry and system paths), which the
 * corpus test pins as untouched.
 */
import type { PhiKind } from './kinds.js';

export interface MatchContext {
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** The text before the whole match (for detectors that must not fire inside a path). */
  readonly before: string;
}

export interface Detector {
  readonly kind: PhiKind;
  readonly pattern: RegExp;
  /** Extra check on the PHI text (Luhn, well-known accounts); false keeps the text as is. */
  readonly accept?: (phi: string, context: MatchContext) => boolean;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 13–19 digits passing Luhn, either run together or grouped like printed cards (4-4-4-4, 4-6-5). */
function isCardNumber(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || !luhn(digits)) return false;
  if (digits === text) return true;
  return /^\d{4}([ -])\d{4,6}\1\d{4,5}(?:\1\d{1,4})?$/.test(text);
}

const WELL_KNOWN_DOMAINS = new Set([
  'nt authority', 'builtin', 'nt service', 'window manager', 'font driver host', 'iis apppool', 'nt virtual machine', 'local service', 'network service',
  // registry hives look like DOMAIN\name too
  'hklm', 'hkcu', 'hkcr', 'hku', 'hkcc', 'hkey_local_machine', 'hkey_current_user', 'hkey_classes_root', 'hkey_users', 'hkey_current_config',
]);
const WELL_KNOWN_ACCOUNTS = new Set([
  'administrator', 'administrators', 'guest', 'guests', 'system', 'krbtgt', 'defaultaccount', 'wdagutilityaccount', 'local service',
  'network service', 'users', 'authenticated users', 'everyone', 'domain admins', 'domain users', 'enterprise admins', 'public', 'default',
  'default user', 'all users', 'remote desktop users', 'backup operators', 'power users',
]);

const accountIsPersonal = (account: string, context: MatchContext): boolean =>
  !WELL_KNOWN_ACCOUNTS.has(account.toLowerCase().replace(/\$$/, '')) && !WELL_KNOWN_DOMAINS.has((context.groups.domain ?? '').toLowerCase());

/** `…\Windows Defender\Real-Time`: the "domain" is the tail of a path with a space in it, not a domain. */
const standaloneAccount = (account: string, context: MatchContext): boolean =>
  !/\\\S*\s$/.test(context.before.slice(-200)) && accountIsPersonal(account, context);

/** `patient` → `[Pp][Aa]…`: a case-insensitive label in an expression whose value part is case-sensitive. */
const caseless = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c.toUpperCase()}${c}]`);
const NAME_LABELS = ['patient', 'pt', 'resident', 'guardian', 'insured', 'subscriber', 'physician', 'nurse', 'emergency contact', 'contact name', 'patient name']
  .map((w) => caseless(w).replace(/ /g, String.raw`\s+`))
  .join('|');

const DATE = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})`;
const ID_WITH_DIGIT = String.raw`(?=[A-Za-z-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,24}`;
const STREET_SUFFIX = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Plaza|Loop|Row|Pike)`;
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR';
// Medicare Beneficiary Identifier (CMS format): no S, L, O, I, B, Z, so it rarely collides with words.
const MBI_LETTER = '[AC-HJKMNP-RT-Y]';
const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

export const TEXT_DETECTORS: readonly Detector[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // C:\Users\<name>\… — the profile folder is the person's account name.
  { kind: 'account', pattern: /\b[A-Za-z]:\\(?:Users|Documents and Settings)\\(?<phi>[^\\/\s"'<>|:*?]+)/gi, accept: accountIsPersonal },
  // DOMAIN\user, standing alone (not a path segment such as HKLM\SOFTWARE\…).
  {
    kind: 'account',
    pattern: /(?<![\\\w.$-])(?<domain>NT AUTHORITY|NT SERVICE|Window Manager|Font Driver Host|IIS APPPOOL|NT VIRTUAL MACHINE|[A-Za-z0-9][A-Za-z0-9.-]{0,14})\\(?<phi>[A-Za-z0-9._$-]{1,20})(?![\\\w$-])/g,
    accept: standaloneAccount,
  },
  { kind: 'card', pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, accept: isCardNumber },
  { kind: 'ssn', pattern: /\b(?:SSN|SS#|social security(?:\s+(?:number|no\.?|#))?)\s*[:#=]?\s*(?<phi>\d{3}[- ]?\d{2}[- ]?\d{4})\b/gi },
  { kind: 'ssn', pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g },
  {
    kind: 'insurance_id',
    pattern: new RegExp(
      String.raw`\b(?:member|subscriber|policy|insurance|insured|group|medicaid|medicare|beneficiary|health\s+plan|plan)\s*(?:id|number|no\.?|#)\s*[:#=]?\s*(?<phi>${ID_WITH_DIGIT})`,
      'gi',
    ),
  },
  { kind: 'insurance_id', pattern: new RegExp(String.raw`\b[1-9]${MBI_LETTER}[${MBI_LETTER.slice(1, -1)}0-9]\d-?${MBI_LETTER}[${MBI_LETTER.slice(1, -1)}0-9]\d-?${MBI_LETTER}{2}\d{2}\b`, 'g') },
  {
    kind: 'mrn',
    pattern: new RegExp(
      String.raw`\b(?:MRN|MR#|MR\s+no\.?|medical\s+record(?:\s+(?:number|no\.?|#))?|patient\s+(?:id|number|no\.?|#)|chart\s+(?:id|number|no\.?|#))\s*[:#=]?\s*(?<phi>${ID_WITH_DIGIT})`,
      'gi',
    ),
  },
  { kind: 'dob', pattern: new RegExp(String.raw`\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)\s*[:#=]?\s*(?<phi>${DATE})`, 'gi') },
  { kind: 'phone', pattern: /\b(?:phone|tel|telephone|fax|cell|mobile|ph)\b\.?\s*[:#=]?\s*(?<phi>\+?\d[\d ().-]{8,18}\d)/gi },
  { kind: 'phone', pattern: /(?<![\w.+-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w.-]|\.\d)/g },
  {
    kind: 'address',
    pattern: new RegExp(
      String.raw`\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][A-Za-z0-9.'-]*\s+){1,4}${STREET_SUFFIX}\b\.?(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*[A-Za-z0-9-]+)?`,
      'g',
    ),
  },
  { kind: 'address', pattern: new RegExp(String.raw`\b[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+){0,2},\s*(?:${US_STATES})\s+\d{5}(?:-\d{4})?\b`, 'g') },
  { kind: 'address', pattern: /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi },
  { kind: 'name', pattern: /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?<phi>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})/g },
  {
    kind: 'name',
    pattern: new RegExp(String.raw`\b(?:${NAME_LABELS})\s*[:=]\s*(?<phi>[A-Z][A-Za-z'’-]+(?:,?\s+[A-Z][A-Za-z'’.-]*){0,3})`, 'g'),
  },
  { kind: 'name', pattern: /\bpatient\s+(?<phi>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)/g },
];

/** IP addresses, when the deployment asks for them to be scrubbed. Loopback and "any" carry no identity. */
export const IP_DETECTORS: readonly Detector[] = [
  {
    kind: 'ip',
    pattern: new RegExp(String.raw`(?<!\d|\d\.)(?:${IPV4_OCTET}\.){3}${IPV4_OCTET}(?!\d|\.\d)`, 'g'),
    accept: (ip) => ip !== '127.0.0.1' && ip !== '0.0.0.0',
  },
  {
    kind: 'ip',
    pattern: /(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,7}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?|::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6}))(?![\w:])/g,
    // Eight two-digit groups are a MAC-style fingerprint or thumbprint, not an address.
    accept: (ip) => ip !== '::1' && ip !== '::' && !/^(?:[0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}$/.test(ip),
  },
];
