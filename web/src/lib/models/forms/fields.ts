/**
 * Server-side form validation: each reader takes the submitted FormData and either returns a clean
 * value or records an error against the field's name, so a page can show every problem next to
 * the field it belongs to and nothing half-valid reaches the API.
 */

export type FieldErrors = Record<string, string>;

// Control characters, bidirectional overrides and zero-width characters are refused, as the API does:
// they let text render as something other than what was stored.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

export class FormReader {
  readonly errors: FieldErrors = {};
  constructor(private readonly form: FormData) {}

  private raw(name: string): string {
    const v = this.form.get(name);
    return typeof v === 'string' ? v : '';
  }

  fail(name: string, message: string): void {
    this.errors[name] ??= message;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Trimmed single-line text of min..max characters. */
  text(name: string, label: string, opts: { min?: number; max: number; pattern?: RegExp; patternHint?: string; trim?: boolean }): string {
    const value = opts.trim === false ? this.raw(name) : this.raw(name).trim();
    const min = opts.min ?? 1;
    if (value.length < min) this.fail(name, min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`);
    else if (value.length > opts.max) this.fail(name, `${label} must be at most ${opts.max} characters.`);
    else if (UNSAFE_TEXT.test(value)) this.fail(name, `${label} contains control or invisible characters.`);
    else if (opts.pattern && !opts.pattern.test(value)) this.fail(name, `${label} ${opts.patternHint ?? 'is not in the expected form'}.`);
    return value;
  }

  /** Free text that may span lines (reasons, notes); still no invisible characters. */
  paragraph(name: string, label: string, opts: { min?: number; max: number }): string {
    const value = this.raw(name).trim();
    const min = opts.min ?? 1;
    if (value.length < min) this.fail(name, `${label} is required.`);
    else if (value.length > opts.max) this.fail(name, `${label} must be at most ${opts.max} characters.`);
    else if (UNSAFE_TEXT.test(value.replace(/[\r\n\t]/g, ' '))) this.fail(name, `${label} contains control or invisible characters.`);
    return value;
  }

  secret(name: string, label: string, max: number): string {
    const value = this.raw(name);
    if (value.length === 0) this.fail(name, `${label} is required.`);
    else if (value.length > max) this.fail(name, `${label} must be at most ${max} characters.`);
    return value;
  }

  oneOf<const T extends string>(name: string, label: string, values: readonly T[]): T {
    const value = this.raw(name);
    if (!(values as readonly string[]).includes(value)) {
      this.fail(name, `${label} must be one of ${values.join(', ')}.`);
      return values[0]!;
    }
    return value as T;
  }

  integer(name: string, label: string, opts: { min: number; max: number }): number {
    const raw = this.raw(name).trim();
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n)) this.fail(name, `${label} must be a whole number.`);
    else if (n < opts.min || n > opts.max) this.fail(name, `${label} must be between ${opts.min} and ${opts.max}.`);
    return n;
  }

  checkbox(name: string): boolean {
    return this.form.get(name) === 'on' || this.form.get(name) === 'true';
  }

  /** Every checked value of a multi-value field. */
  all(name: string): string[] {
    return this.form.getAll(name).filter((v): v is string => typeof v === 'string');
  }

  uuid(name: string, label: string): string {
    return this.text(name, label, { max: 36, pattern: UUID, patternHint: 'is not a valid id' });
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
