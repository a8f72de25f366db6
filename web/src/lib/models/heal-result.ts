/**
 * The heal workflow's result (workflows/src/heal/heal-types.ts HealResult) as the incident page
 * reads it from the decoded history: read defensively, since older runs may lack newer fields.
 */
export interface HealOutcomeView {
  outcome: string;
  tier: string;
  reason: string;
  ruleId: string | null;
  action: { runbookId: string; version: number; params: unknown } | null;
  approval: { outcome: string; approver: string | null; decidedAt: string | null } | null;
  remediation: string | null;
  verify: string | null;
  rolledBack: boolean;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function healOutcome(result: unknown): HealOutcomeView | null {
  const r = obj(Array.isArray(result) ? result[0] : result);
  if (!r || typeof r['outcome'] !== 'string') return null;
  const action = obj(r['action']);
  const approval = obj(r['approval']);
  const receipt = obj(approval?.['receipt']);
  const remediation = obj(r['remediation']);
  return {
    outcome: r['outcome'],
    tier: str(r['tier']) ?? '—',
    reason: str(r['reason']) ?? '',
    ruleId: str(r['ruleId']),
    action: action && typeof action['runbookId'] === 'string' ? { runbookId: action['runbookId'], version: Number(action['version'] ?? 0), params: action['params'] ?? {} } : null,
    approval: approval
      ? { outcome: str(approval['outcome']) ?? 'unknown', approver: str(obj(receipt?.['approver'])?.['displayName']), decidedAt: str(receipt?.['decidedAt']) }
      : null,
    remediation: remediation ? `${str(remediation['status']) ?? 'unknown'}${remediation['changed'] === true ? ' (changed the host)' : remediation['changed'] === false ? ' (no change needed)' : ''}` : null,
    verify: str(r['verify']),
    rolledBack: r['rolledBack'] === true,
  };
}
