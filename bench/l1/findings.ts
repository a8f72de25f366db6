/**
 * Findings to decide: one failing finding per catalogue runbook per host, with outputs shaped so
 * every kind of rule is reached (run_runbook, its escalation siblings, escalate-only, no match).
 */
import type { L1Finding } from '@custos/core';
import type { Catalogue } from '@custos/runbooks';

const HOST_KINDS = ['domain_controller', 'server', 'workstation'] as const;

/** Output variants that flip the conditions the shipped rules look at besides runbookId and status. */
const OUTPUT_VARIANTS: Record<string, unknown>[] = [
  { runningMode: 'Normal', policyConfigured: true, isDomainController: true, domainJoined: true },
  { runningMode: 'Passive Mode', policyConfigured: false, isDomainController: false, domainJoined: true },
  { runningMode: 'Normal', policyConfigured: true, isDomainController: false, domainJoined: false },
];

export function buildFindings(catalogue: Catalogue, hosts: number): L1Finding[] {
  const findings: L1Finding[] = [];
  for (let h = 0; h < hosts; h++) {
    for (const [i, runbook] of catalogue.runbooks.entries()) {
      findings.push({
        runbookId: runbook.id,
        runbookVersion: runbook.version,
        hostId: `host-${h}`,
        hostKind: HOST_KINDS[h % HOST_KINDS.length],
        siteId: `site-${h % 7}`,
        severity: runbook.severity,
        // Every 11th finding is an error (the check could not run): no L1 rule matches it.
        status: (h * 31 + i) % 11 === 0 ? 'error' : 'fail',
        output: OUTPUT_VARIANTS[(h + i) % OUTPUT_VARIANTS.length],
        attempt: 0,
      });
    }
  }
  return findings;
}
