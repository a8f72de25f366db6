import type { ControlStatus, StatusCounts } from './types.js';

export function countStatuses(statuses: Iterable<ControlStatus>): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, partial: 0, 'manual-pending': 0, 'not-applicable': 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/**
 * THE posture score — the only formula used anywhere (API, dashboard, packet, CLI):
 *
 *   score = 100 × (pass + ½ × partial) / (pass + partial + fail + manual-pending)
 *
 * Not-applicable controls are left out. A manual item nobody has attested counts against the
 * score like a failure: an auditor cannot credit what is not evidenced. Rounded to one decimal;
 * null when nothing applies.
 */
export function postureScore(counts: StatusCounts): number | null {
  const applicable = counts.pass + counts.partial + counts.fail + counts['manual-pending'];
  if (applicable === 0) return null;
  return Math.round((1000 * (counts.pass + 0.5 * counts.partial)) / applicable) / 10;
}
