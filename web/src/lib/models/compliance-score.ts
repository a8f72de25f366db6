import { FRAMEWORK_LABELS, POSTURE_FRAMEWORKS, scoreSeries, type Framework, type ScoreSet, type ScoreSeriesInput } from '@custos/core/posture';

/**
 * Compliance scores on the dashboard are posture scores: lib/core's frameworkPosture and its one
 * score function (postureScore), over the controls the packet scores, from the operational record
 * converted to the posture module's observations (recordedScopes). So the fleet, a site page, the
 * API and the monthly packet give the same number for the same state. Nothing here scores anything
 * itself.
 */

export const FRAMEWORKS = POSTURE_FRAMEWORKS;
export { FRAMEWORK_LABELS, type Framework };

export type Scores = ScoreSet;

export interface TrendPoint {
  /** Start of the UTC day, ms. */
  day: number;
  scores: Scores;
}

const DAY = 86_400_000;

/** The moment each day of the last `days` days (today included) is scored at: its end, or now for today. */
export function dayEnds(days: number, now: number): { day: number; at: number }[] {
  const today = Math.floor(now / DAY) * DAY;
  return Array.from({ length: days }, (_, k) => {
    const day = today - (days - 1 - k) * DAY;
    return { day, at: Math.min(now, day + DAY - 1) };
  });
}

/** Scores now and one point per UTC day for the last `days` days, for one scope (a site's hosts). */
export function scoresOverDays(input: Omit<ScoreSeriesInput, 'frameworks'>, days: number, now: number): { scores: Scores; trend: TrendPoint[] } {
  const ends = dayEnds(days, now);
  const series = scoreSeries({ ...input, frameworks: FRAMEWORKS }, [...ends.map((e) => new Date(e.at).toISOString()), new Date(now).toISOString()]);
  return { scores: series[ends.length]!, trend: ends.map((e, i) => ({ day: e.day, scores: series[i]! })) };
}

/** Mean of the sites' scores that exist (sites where nothing applies do not pull the mean down). */
export function meanScore(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}
