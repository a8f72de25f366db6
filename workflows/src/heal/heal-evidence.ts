/**
 * A heal's evidence: the outcome bundle (tier from what actually ran, the action and whether verify
 * passed — a heal without a passing verify is never "verified") and, when a person decided, the
 * approval bundle bound to the plan's hash with the approver's id. Ids only, no host names.
 */
import { workflowInfo } from '@temporalio/workflow';
import { recordEvidence } from '../evidence/record.js';
import type { HealInput, HealResult } from './heal-types.js';

export async function recordHealEvidence(input: HealInput, result: HealResult, startedAt: string): Promise<void> {
  const { workflowId, runId, parent } = workflowInfo();
  const finishedAt = new Date(Date.now()).toISOString();
  const ran = result.remediation !== null;
  await recordEvidence({
    requestKey: `heal:${workflowId}:${runId}`,
    siteId: input.siteId,
    kind: 'heal',
    runId,
    startedAt,
    finishedAt,
    heal: {
      // The scan that found the drift (heals are its children); a heal started by hand stands alone.
      ofRun: parent?.runId ?? runId,
      tier: result.tier,
      actions: [{ runbook: result.action?.runbookId ?? input.runbookId, host: input.host.hostId, result: ran ? (result.outcome === 'healed' ? 'applied' : 'failed') : 'skipped' }],
      verified: result.verify === 'pass',
    },
  });
  const receipt = result.approval?.receipt;
  if (receipt) {
    await recordEvidence({
      requestKey: `approval:${workflowId}:${runId}`,
      siteId: input.siteId,
      kind: 'approval',
      runId,
      startedAt,
      finishedAt,
      approval: { ofRun: runId, planSha256: receipt.planSha256, decision: receipt.decision === 'approve' ? 'approved' : 'rejected', approver: receipt.approver.userId, decidedAt: receipt.decidedAt },
    });
  }
}
