/**
 * PHI scrubbing for anything that leaves the site's trust boundary (the L2 planner's prompt,
 * notification text). Pure and deterministic: the same input and options give the same output, so
 * a scrubbed request frozen in workflow history can be re-derived and audited.
 */
import { IP_DETECTORS, TEXT_DETECTORS, type Detector } from './detectors.js';
import { phiKindOfField } from './field-names.js';
import { PHI_KINDS, PLACEHOLDER, placeholder, type PhiKind } from './kinds.js';

export interface ScrubOptions {
  /** IP addresses are identifiers under HIPAA Safe Harbor; a deployment may keep them when its fixes need them. */
  readonly scrubIps: boolean;
  /** Site-specific terms known to be sensitive (practice staff, patient names seen before), matched case-insensitively. */
  readonly knownTerms?: readonly string[];
  /** Deeper structures are cut off (and counted) rather than walked; host facts are shallow. Default 24. */
  readonly maxDepth?: number;
}

/** How much was redacted, per kind: recorded beside the scrubbed request so an auditor sees what left. */
export type ScrubReport = { readonly [K in PhiKind]?: number };

export interface Scrubbed<T = unknown> {
  readonly value: T;
  readonly report: ScrubReport;
  readonly redactions: number;
  /** Values cut off at the depth limit (replaced by a placeholder, never passed through). */
  readonly truncated: number;
}

const TRUNCATED = '[REDACTED_0]';

/**
 * One scrub: numbers placeholders per kind and remembers which original got which number, so
 * "the same account appears in two fields" survives scrubbing without the account itself.
 */
class ScrubSession {
  private readonly seen = new Map<PhiKind, Map<string, number>>();
  readonly counts = new Map<PhiKind, number>();
  truncated = 0;
  private readonly detectors: readonly Detector[];
  private readonly terms: RegExp | undefined;

  constructor(readonly options: ScrubOptions) {
    this.detectors = options.scrubIps ? [...TEXT_DETECTORS, ...IP_DETECTORS] : TEXT_DETECTORS;
    const terms = (options.knownTerms ?? []).map((t) => t.trim()).filter((t) => t.length >= 2);
    this.terms = terms.length === 0 ? undefined : new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  }

  token(kind: PhiKind, original: string): string {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    let byValue = this.seen.get(kind);
    if (!byValue) this.seen.set(kind, (byValue = new Map()));
    const key = original.trim().toLowerCase();
    let n = byValue.get(key);
    if (n === undefined) byValue.set(key, (n = byValue.size + 1));
    return placeholder(kind, n);
  }

  text(input: string): string {
    let out = input;
    if (this.terms) out = out.replace(this.terms, (m) => this.token('name', m));
    for (const d of this.detectors) out = this.apply(d, out);
    return out;
  }

  private apply(d: Detector, input: string): string {
    // Fresh expression per call: a shared /g regex carries lastIndex between strings.
    const re = new RegExp(d.pattern.source, d.pattern.flags.includes('d') ? d.pattern.flags : `${d.pattern.flags}d`);
    let out = '';
    let last = 0;
    for (const m of input.matchAll(re)) {
      const groups = m.groups ?? {};
      const span = m.indices?.groups?.phi ?? m.indices?.[0];
      if (!span) continue;
      const phi = input.slice(span[0], span[1]);
      if (PLACEHOLDER.test(phi) || (d.accept && !d.accept(phi, { groups, before: input.slice(0, m.index) }))) continue;
      out += input.slice(last, span[0]) + this.token(d.kind, phi);
      last = span[1];
    }
    return last === 0 ? input : out + input.slice(last);
  }

  /** A field named like PHI (`dob`, `patientName`): the whole value goes, whatever it looks like. */
  field(kind: PhiKind, value: unknown, depth: number): unknown {
    if (value === null || value === undefined || typeof value === 'boolean') return value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      const s = String(value);
      return s === '' || PLACEHOLDER.test(s) ? s : this.token(kind, s);
    }
    if (Array.isArray(value)) return value.map((v) => this.field(kind, v, depth + 1));
    return this.walk(value, depth + 1);
  }

  walk(value: unknown, depth: number): unknown {
    if (depth > (this.options.maxDepth ?? 24)) {
      this.truncated++;
      return TRUNCATED;
    }
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const kind = phiKindOfField(key);
      out[this.text(key)] = kind ? this.field(kind, v, depth) : this.walk(v, depth + 1);
    }
    return out;
  }
}

/** Scrubs every string (and object key) in a JSON-like value. The input is not modified. */
export function scrubPhi<T>(value: T, options: ScrubOptions): Scrubbed<T> {
  const session = new ScrubSession(options);
  const scrubbed = session.walk(value, 0) as T;
  const report: Partial<Record<PhiKind, number>> = {};
  let redactions = 0;
  for (const kind of PHI_KINDS) {
    const n = session.counts.get(kind) ?? 0;
    if (n > 0) report[kind] = n;
    redactions += n;
  }
  return { value: scrubbed, report, redactions, truncated: session.truncated };
}

/** Scrubs one piece of text (a notification line, a rationale). */
export function scrubPhiText(text: string, options: ScrubOptions): Scrubbed<string> {
  return scrubPhi(text, options);
}
