import type { Observation } from '@custos/core';

/**
 * The observations that can decide posture at any of `instants`: for each (host, runbook), the latest
 * one made at or before each instant, chosen exactly as the posture module chooses (later time wins,
 * equal times go to the larger evidence id). Every posture the packet computes is at one of these
 * instants (last month's end, each day's end, the month's end), so the packet is the same with these
 * alone — and with hourly scans that is a 24th of the observations to score 33 times over.
 */
export function decidingObservations(observations: readonly Observation[], instants: readonly string[]): Observation[] {
  const cutoffs = [...new Set(instants.map((i) => Date.parse(i)))].sort((a, b) => a - b);
  const byKey = new Map<string, { at: number; o: Observation }[]>();
  for (const o of observations) {
    const at = Date.parse(o.observedAt);
    if (Number.isNaN(at)) continue;
    const key = `${o.hostId}\u0000${o.runbookId}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ at, o });
  }
  const kept: Observation[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.at - b.at || (a.o.evidenceId < b.o.evidenceId ? -1 : a.o.evidenceId > b.o.evidenceId ? 1 : 0));
    const chosen = new Set<number>();
    let i = -1;
    for (const cutoff of cutoffs) {
      while (i + 1 < list.length && list[i + 1]!.at <= cutoff) i++;
      if (i >= 0) chosen.add(i);
    }
    for (const index of [...chosen].sort((a, b) => a - b)) kept.push(list[index]!.o);
  }
  return kept;
}
