import { latestObservations, observationKey } from '../posture/as-of.js';
import type { Observation } from '../posture/types.js';
import type { TopicRow } from './types.js';

export const TOPIC_LABELS: Record<string, string> = {
  encryption: 'Disk encryption (BitLocker)',
  antivirus: 'Antivirus (real-time protection, current signatures)',
  patches: 'Security patches',
  firewall: 'Firewall on for every profile',
  screenLock: 'Screen lock after inactivity',
  backup: 'Backups',
  timeSync: 'Time synchronisation',
};

/**
 * For each topic, how many of the hosts are compliant: every runbook of the topic that applies to
 * the host passes in its latest observation as of `asOf`. A host with no observation for the topic
 * is counted as not compliant (no evidence), and listed by name.
 */
export function topicRows(
  topics: Record<string, readonly string[]>,
  hosts: readonly { id: string; name: string }[],
  observations: readonly Observation[],
  asOf: string,
): TopicRow[] {
  const latest = latestObservations(observations, asOf);
  return Object.entries(topics).map(([topic, runbooks]) => {
    let total = 0;
    const failingHosts: string[] = [];
    for (const host of hosts) {
      const results = runbooks.map((r) => latest.get(observationKey(host.id, r))).filter((o) => o?.outcome !== 'not_applicable');
      // Only runbooks explicitly not applicable to every one of them: the topic does not concern this host.
      if (runbooks.length > 0 && results.length === 0) continue;
      total += 1;
      if (results.length === 0 || !results.every((o) => o?.outcome === 'pass')) failingHosts.push(host.name);
    }
    return { topic: TOPIC_LABELS[topic] ?? topic, compliant: total - failingHosts.length, total, failingHosts: failingHosts.sort() };
  });
}
