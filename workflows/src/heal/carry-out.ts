/**
 * Runs an approved (or unattended) action on the site's appliance: remediate once per idempotency
 * key, then verify. Only a passing verify closes the finding. When verify fails after the
 * remediation changed something and the runbook declares a rollback, the rollback runs with the
 * state remediation reported, and the finding stays open for a person.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { RemediateOutput, RunbookFacts, VerifyOutput } from '@custos/activities/types';
import { centralLocalActivities, siteActivities } from '../proxies.js';
import type { HealInput } from './heal-types.js';

export interface ActionPlan {
  runbook: RunbookFacts;
  params: Record<string, unknown>;
}

export type CarryOutResult =
  | { kind: 'healed'; remediation: RemediateOutput; verify: 'pass' }
  | { kind: 'not_healed'; reason: string; remediation: RemediateOutput; verify: VerifyOutput['status'] | null; rolledBack: boolean }
  | { kind: 'resolved_elsewhere' };

export async function carryOut(input: HealInput, action: ActionPlan, opts: { recheckFinding: boolean }): Promise<CarryOutResult> {
  const central = centralLocalActivities();
  if (opts.recheckFinding && (await central.findingStatus({ siteId: input.siteId, findingId: input.findingId })) !== 'open') return { kind: 'resolved_elsewhere' };

  const { workflowId } = workflowInfo();
  // Heartbeats every 2 s from the appliance: a crashed appliance is noticed in 15 s and the step
  // retried on the restarted one, where the idempotency key stops a second application.
  const site = siteActivities(input.siteId, { scheduleToClose: '1 hour', startToClose: `${action.runbook.timeoutSeconds + 60} seconds`, heartbeat: '15 seconds', maximumAttempts: 5 });
  const step = { siteId: input.siteId, host: input.host, runbookId: action.runbook.id, version: action.runbook.version, params: action.params };

  const remediation = await site.remediate({ ...step, idempotencyKey: `${workflowId}:remediate:1` });
  if (remediation.status === 'blocked') return { kind: 'not_healed', reason: `remediation blocked on the host: ${remediation.blocked ?? 'no reason given'}`, remediation, verify: null, rolledBack: false };

  const verified = await siteActivities(input.siteId, { scheduleToClose: '30 minutes', startToClose: '15 minutes' }).verify(step);
  if (verified.status === 'pass') {
    await central.closeFinding({ siteId: input.siteId, findingId: input.findingId, resolvedAt: new Date(Date.now()).toISOString() });
    return { kind: 'healed', remediation, verify: 'pass' };
  }
  let rolledBack = false;
  if (remediation.changed && action.runbook.hasRollback && remediation.before) {
    await site.rollback({ ...step, before: remediation.before, idempotencyKey: `${workflowId}:rollback:1` });
    rolledBack = true;
  }
  const why = verified.status === 'fail' ? 'the host still fails the check after the change' : `verify could not judge the host (${verified.problem ?? verified.status})`;
  return { kind: 'not_healed', reason: rolledBack ? `${why}; the change was rolled back` : why, remediation, verify: verified.status, rolledBack };
}
