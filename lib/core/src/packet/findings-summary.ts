import type { HealTierName } from '../domain/approval.js';
import type { IncidentRecord, Packet } from './types.js';

const inPeriod = (iso: string, from: string, to: string) => iso >= from && iso < to;

/**
 * Findings opened in the period, and what became of everything handled in it. Mean time to heal
 * covers incidents healed in the period (verify passed), from opening to verification.
 */
export function findingsSummary(incidents: readonly IncidentRecord[], from: string, to: string): Packet['findings'] {
  const opened = incidents.filter((i) => inPeriod(i.openedAt, from, to)).length;
  const healedHere = incidents.filter((i) => i.outcome === 'healed' && i.closedAt !== undefined && inPeriod(i.closedAt, from, to));
  const healedByTier: Record<HealTierName, number> = { L1: 0, L2: 0, L3: 0 };
  for (const i of healedHere) if (i.tier) healedByTier[i.tier] += 1;
  const minutes = healedHere.map((i) => (Date.parse(i.closedAt!) - Date.parse(i.openedAt)) / 60_000);
  const openAtEnd = incidents.filter((i) => i.openedAt < to && (i.closedAt === undefined || i.closedAt >= to) && i.outcome !== 'healed');
  return {
    opened,
    healed: healedHere.length,
    healedByTier,
    escalated: incidents.filter((i) => i.outcome === 'escalated' && inPeriod(i.openedAt, from, to)).length,
    stillOpen: openAtEnd.length,
    meanTimeToHealMinutes: minutes.length === 0 ? null : Math.round((10 * minutes.reduce((a, b) => a + b, 0)) / minutes.length) / 10,
  };
}
