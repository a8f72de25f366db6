/**
 * Compliance score per framework, from data only: the controls a site's enabled runbooks cover,
 * and which of them have an open finding. score = covered controls without an open finding ÷
 * covered controls. A framework no enabled runbook maps to has no score (not 100 %).
 */

export const FRAMEWORKS = ['hipaa', 'soc2', 'nistCsf', 'nist80053', 'cisV8'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_LABELS: Record<Framework, string> = {
  hipaa: 'HIPAA',
  soc2: 'SOC 2',
  nistCsf: 'NIST CSF 2.0',
  nist80053: 'NIST 800-53',
  cisV8: 'CIS v8',
};

/** Which controls each runbook maps to, per framework (from the catalogue). */
export type ControlMap = ReadonlyMap<string, Partial<Record<Framework, readonly string[]>>>;

export interface FindingSpan {
  checkId: string;
  observedAt: number;
  /** null while open. */
  resolvedAt: number | null;
}

export type Scores = Record<Framework, number | null>;

export function coveredControls(map: ControlMap, enabledRunbooks: Iterable<string>): Record<Framework, Set<string>> {
  const out = Object.fromEntries(FRAMEWORKS.map((f) => [f, new Set<string>()])) as Record<Framework, Set<string>>;
  for (const id of enabledRunbooks) {
    const controls = map.get(id);
    if (!controls) continue;
    for (const f of FRAMEWORKS) for (const c of controls[f] ?? []) out[f].add(c);
  }
  return out;
}

export function scoresFor(map: ControlMap, covered: Record<Framework, Set<string>>, failingChecks: Iterable<string>): Scores {
  const failing = Object.fromEntries(FRAMEWORKS.map((f) => [f, new Set<string>()])) as Record<Framework, Set<string>>;
  for (const check of failingChecks) {
    const controls = map.get(check);
    if (!controls) continue;
    for (const f of FRAMEWORKS) for (const c of controls[f] ?? []) if (covered[f].has(c)) failing[f].add(c);
  }
  const out = {} as Scores;
  for (const f of FRAMEWORKS) out[f] = covered[f].size === 0 ? null : (100 * (covered[f].size - failing[f].size)) / covered[f].size;
  return out;
}

/** Checks with a finding open at `at` (observed by then, not resolved by then). */
export function openAt(findings: readonly FindingSpan[], at: number): string[] {
  const out: string[] = [];
  for (const f of findings) if (f.observedAt <= at && (f.resolvedAt === null || f.resolvedAt > at)) out.push(f.checkId);
  return out;
}

export interface TrendPoint {
  /** End of the UTC day, ms. */
  day: number;
  scores: Scores;
}

const DAY = 86_400_000;

/** One point per UTC day for the last `days` days (today included), each from the findings open at the day's end (or now). */
export function scoreTrend(map: ControlMap, covered: Record<Framework, Set<string>>, findings: readonly FindingSpan[], days: number, now: number): TrendPoint[] {
  const today = Math.floor(now / DAY) * DAY;
  const points: TrendPoint[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const end = Math.min(now, today - i * DAY + DAY - 1);
    points.push({ day: today - i * DAY, scores: scoresFor(map, covered, openAt(findings, end)) });
  }
  return points;
}

/** Mean of the sites' scores that exist (sites without coverage do not pull the mean down). */
export function meanScore(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}
