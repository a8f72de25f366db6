import type { Packet } from './types.js';

function pct(score: number | null): string {
  return score === null ? 'not measured' : `${score}%`;
}

function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  const delta = Math.round((now - before) * 10) / 10;
  if (delta === 0) return ', unchanged from last month';
  return delta > 0 ? `, up ${delta} points from last month` : `, down ${-delta} points from last month`;
}

/** A duration a practice owner reads at a glance: minutes, hours or days. */
export function humanDuration(minutes: number): string {
  if (minutes < 120) return `${Math.round(minutes)} minute${Math.round(minutes) === 1 ? '' : 's'}`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} hours`;
  return `${Math.round(minutes / 144) / 10} days`;
}

/** The first page in plain words for a practice owner: where you stand, what changed, what needs you. */
export function executiveSummary(p: Omit<Packet, 'executiveSummary'>): Packet['executiveSummary'] {
  const hipaa = p.posture.find((x) => x.framework === 'hipaa');
  const headline = `HIPAA Security Rule posture: ${pct(hipaa?.score ?? null)}${change(hipaa?.score ?? null, hipaa?.previousScore ?? null)}.`;
  const f = p.findings;
  const paragraphs = [
    `In ${p.period.label}, Custos found ${f.opened} new issue${f.opened === 1 ? '' : 's'} on your computers and fixed ${f.healed} ` +
      `(${f.healedByTier.L1} automatically by rule, ${f.healedByTier.L2} by the planner within the approved runbooks, ${f.healedByTier.L3} after a person approved the fix)` +
      (f.meanTimeToHealMinutes === null ? '.' : `; a fix took ${humanDuration(f.meanTimeToHealMinutes)} on average from detection to verified.`),
    f.stillOpen === 0
      ? 'No issue was left open at the end of the month.'
      : `${f.stillOpen} issue${f.stillOpen === 1 ? ' was' : 's were'} still open at the end of the month; the incidents section lists them.`,
  ];
  const pending = p.hipaaItems.filter((i) => i.status === 'manual-pending' || (i.status === 'partial' && i.openTask));
  if (pending.length > 0) {
    paragraphs.push(
      `${pending.length} HIPAA item${pending.length === 1 ? ' needs' : 's need'} a person: these are policies and procedures no scan can check. ` +
        'Attest them in the dashboard when they are in place; the packet shows them as attested, never as automated.',
    );
  }
  const unanchored = p.evidenceTotals.anchoredPending;
  paragraphs.push(
    `Everything above is backed by ${p.evidenceTotals.bundlesThisPeriod} signed evidence records this month, kept write-once for six years` +
      (unanchored > 0 ? `; ${unanchored} timestamp anchor${unanchored === 1 ? ' is' : 's are'} still waiting for Bitcoin confirmation.` : '.'),
  );
  return { headline, paragraphs };
}
