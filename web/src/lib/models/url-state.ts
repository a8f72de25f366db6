/**
 * Filters and sort live in the URL so a view can be shared (an auditor sends the link, the partner
 * sees the same rows). Readers validate every parameter; a value that is not allowed is reported by
 * name instead of being silently dropped, so a mistyped link is noticed.
 */

export class UrlStateError extends Error {
  override readonly name = 'UrlStateError';
}

export class UrlState {
  readonly problems: string[] = [];
  constructor(readonly params: URLSearchParams) {}

  one<const T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.params.get(name);
    if (v === null || v === '') return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.problems.push(`?${name}=${v} is not one of ${allowed.join(', ')}`);
    return fallback;
  }

  /** Comma-separated or repeated values, each from `allowed`; empty means "all". */
  many<const T extends string>(name: string, allowed: readonly T[]): T[] {
    const values = this.params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
    const out: T[] = [];
    for (const v of values) {
      if ((allowed as readonly string[]).includes(v)) {
        if (!out.includes(v as T)) out.push(v as T);
      } else this.problems.push(`?${name}=${v} is not one of ${allowed.join(', ')}`);
    }
    return out;
  }

  text(name: string, maxLength: number): string {
    const v = (this.params.get(name) ?? '').trim();
    if (v.length > maxLength) {
      this.problems.push(`?${name} is longer than ${maxLength} characters`);
      return '';
    }
    return v;
  }

  uuid(name: string): string | undefined {
    const v = this.params.get(name);
    if (v === null || v === '') return undefined;
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return v.toLowerCase();
    this.problems.push(`?${name}=${v} is not a valid id`);
    return undefined;
  }

  page(name = 'page', max = 10_000): number {
    const v = this.params.get(name);
    if (v === null || v === '') return 1;
    if (/^[1-9]\d{0,5}$/.test(v) && Number(v) <= max) return Number(v);
    this.problems.push(`?${name}=${v} is not a page number`);
    return 1;
  }

  /** Throws one error naming every bad parameter (the page shows it as a 400). */
  check(): void {
    if (this.problems.length > 0) throw new UrlStateError(`This link has bad filter values: ${this.problems.join('; ')}.`);
  }
}

/** The URL for the same page with some parameters changed (undefined or empty removes one). */
export function withParams(url: URL, changes: Record<string, string | readonly string[] | undefined>): string {
  const next = new URLSearchParams(url.searchParams);
  for (const [k, v] of Object.entries(changes)) {
    const joined = Array.isArray(v) ? v.join(',') : (v as string | undefined);
    if (joined === undefined || joined === '') next.delete(k);
    else next.set(k, joined);
  }
  const q = next.toString();
  return `${url.pathname}${q ? `?${q}` : ''}`;
}
