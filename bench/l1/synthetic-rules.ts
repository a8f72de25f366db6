/**
 * Promoted-style rules added to the catalogue's to see how a decision scales with a much larger
 * rule set (many promoted rules per runbook, each with several conditions including a regex).
 */
import type { L1Rule } from '@custos/core';
import type { Catalogue } from '@custos/runbooks';

export function syntheticRules(catalogue: Catalogue, perRunbook: number): L1Rule[] {
  const rules: L1Rule[] = [];
  for (const runbook of catalogue.runbooks) {
    for (let i = 0; i < perRunbook; i++) {
      rules.push({
        id: `L1-BENCH-${runbook.id.slice('RB-WIN-'.length)}-${i}`,
        description: 'synthetic promoted rule for the benchmark',
        enabled: true,
        priority: 5 + (i % 3),
        cooldownSeconds: 600,
        match: [
          { path: 'runbookId', op: 'eq', value: runbook.id },
          { path: 'status', op: 'eq', value: 'fail' },
          { path: 'siteId', op: 'regex', value: `^site-${i % 7}$` },
          { path: 'hostKind', op: 'in', value: ['domain_controller', 'server'] },
          { path: 'output.nonexistent', op: 'exists', value: true },
        ],
        action: { kind: 'escalate', priority: 'low', reason: 'synthetic rule that never matches in this benchmark' },
        provenance: { source: 'promoted', pattern: `bench-${i}`, promotedAt: '2026-11-27T00:00:00Z', approvedBy: 'bench', occurrences: 5, l2Resolutions: 3, successRate: 0.9 },
      });
    }
  }
  return rules;
}
