import { coverageReport, isGroupingRow, postureControls, type Catalogue } from '@custos/runbooks';
import { notApplicableObservations, POSTURE_FRAMEWORKS, type ControlDefinition, type Framework, type HipaaItem, type IncidentRecord, type Observation, type PacketInput } from '@custos/core';
import { controlIds } from '../../findings/scan-record.js';
import type { ScanCatalogue } from '../evidence/scan-observations.js';

/**
 * What the packet takes from the runbook and control catalogues: each framework's controls with the
 * runbooks that evidence them, every HIPAA Security Rule item, the runbooks behind each workstation
 * and server topic, and runbook severities. Statuses are the coverage report's (one source).
 */

export const PACKET_FRAMEWORKS: readonly Framework[] = POSTURE_FRAMEWORKS;

export interface PacketCatalogue extends ScanCatalogue {
  frameworks: Framework[];
  controls: ControlDefinition[];
  hipaaItems: HipaaItem[];
  topics: PacketInput['topics'];
  severity(runbookId: string): IncidentRecord['severity'] | undefined;
  /**
   * A not-applicable observation for every (host, runbook) pair the catalogue says never applies
   * (the runbook does not target the host's kind, so scans never run it there): without them the
   * posture would count "no evidence" against a workstation for a server-only backup check.
   */
  notApplicable(hosts: readonly { id: string; kind: string }[]): Observation[];
}

/** A control that a person can attest: manual, or partial (runbooks evidence only the technical part). */
export interface AttestableControl {
  framework: Framework;
  id: string;
  title: string;
  evidence: 'manual' | 'partial';
  task: string;
}

/**
 * Topic → runbooks. By catalogue category where the category is the topic; antivirus and screen lock
 * name their runbooks, because their categories also hold other checks (exclusions, lockout policy).
 */
const TOPICS: Record<keyof PacketInput['topics'], { category?: string; runbooks?: string[] }> = {
  encryption: { category: 'encryption' },
  antivirus: { runbooks: ['RB-WIN-AV-001', 'RB-WIN-SEC-006'] },
  patches: { category: 'patching' },
  firewall: { category: 'firewall' },
  screenLock: { runbooks: ['RB-WIN-SEC-016'] },
  backup: { category: 'backup' },
  timeSync: { category: 'time' },
};

export function packetCatalogue(catalogue: Catalogue): PacketCatalogue {
  const coverage = coverageReport(catalogue, PACKET_FRAMEWORKS);
  // The same controls the API and the dashboard score on.
  const controls = postureControls(catalogue, PACKET_FRAMEWORKS);
  let hipaaItems: HipaaItem[] = [];
  for (const fw of coverage) {
    const items = fw.rows.filter((r) => !isGroupingRow(r));
    if (fw.framework === 'hipaa') {
      hipaaItems = items.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind === 'standard' ? 'standard' : 'implementation-specification',
        requirement: r.requirement ?? 'required',
        evidence: r.status,
        ...(r.manualTask ? { manualTask: r.manualTask } : {}),
      }));
    }
  }
  const topics = Object.fromEntries(
    Object.entries(TOPICS).map(([topic, spec]) => [
      topic,
      catalogue.runbooks.filter((r) => (spec.category ? r.category === spec.category : spec.runbooks!.includes(r.id))).map((r) => r.id).sort(),
    ]),
  ) as PacketInput['topics'];
  const keys = new Map(catalogue.runbooks.map((r) => [r.id, controlIds(r)]));
  const byKind = new Map<string, string[]>();
  for (const r of catalogue.runbooks) for (const k of r.hostKinds) byKind.set(k, [...(byKind.get(k) ?? []), r.id]);
  return {
    frameworks: coverage.map((f) => f.framework),
    controls,
    hipaaItems,
    topics,
    severity: (id) => catalogue.runbook(id)?.severity,
    // The same keys scans state results under (scan-record.ts), so reading them back cannot drift.
    controlKeys: (id) => keys.get(id) ?? [],
    runbooksFor: (kind) => byKind.get(kind) ?? [],
    // The same rule the API and the dashboard apply to the inventory (lib/core posture/recorded-state).
    notApplicable: (hosts) => notApplicableObservations(hosts, catalogue.runbooks),
  };
}

/** Every control a client user may attest, in catalogue order. */
export function attestableControls(catalogue: Catalogue): AttestableControl[] {
  return coverageReport(catalogue, PACKET_FRAMEWORKS).flatMap((fw) =>
    fw.rows
      .filter((r) => !isGroupingRow(r) && r.status !== 'automated')
      .map((r) => ({
        framework: fw.framework,
        id: r.id,
        title: r.title,
        evidence: r.status as 'manual' | 'partial',
        task: r.manualTask ?? (r.status === 'manual' ? 'Put this control in place and attest it.' : 'Confirm the parts of this control that checks on the computers cannot see.'),
      })),
  );
}
