/**
 * Whether a chosen action may run unattended, needs a person, or must also wait for the site's
 * maintenance window. The runbook's flags and the site's settings decide — never the tier that
 * chose it — so an L1 rule or an L2 plan can never run a disruptive runbook without approval (the
 * original platform never enforced these flags on the Windows path).
 */
import type { RunbookFacts } from '@custos/activities/types';

export interface Gate {
  approval: boolean;
  window: boolean;
  reasons: string[];
}

export function gateFor(runbook: RunbookFacts, opts: { chosenBy: 'L1' | 'L2' | 'L3'; siteRequiresApproval: boolean }): Gate {
  const reasons: string[] = [];
  if (opts.chosenBy === 'L3') reasons.push('escalated to a person');
  if (runbook.requiresApproval) reasons.push(`${runbook.id} requires approval`);
  if (runbook.disruptive) reasons.push(`${runbook.id} is disruptive`);
  if (opts.siteRequiresApproval) reasons.push(`the site requires approval for ${runbook.id}`);
  return { approval: reasons.length > 0, window: runbook.disruptive || runbook.maintenanceWindow, reasons };
}

/** A runbook the flywheel may learn to run at L1: no approval, no window, not alert-only. */
export function autoHealable(runbook: RunbookFacts): boolean {
  return runbook.healMode === 'auto' && !runbook.disruptive && !runbook.maintenanceWindow;
}
