import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { SubmitResult, TimestampResult } from '@custos/activities/evidence';
import { evidenceActivities } from './proxies.js';
import { upgradeAnchorProof } from './upgrade-anchor.workflow.js';
import type { UpgradeAnchorInput } from './upgrade-anchor.workflow.js';

export interface AnchorEvidenceInput {
  /** Submit to OpenTimestamps at most this often (default hourly); TSA tokens are taken every pass. */
  readonly otsMinIntervalSeconds?: number;
  /** Back-off of the upgrade workflows this pass starts. */
  readonly upgrade?: Omit<UpgradeAnchorInput, 'anchorSize' | 'alerted'>;
}

export type AnchorPassResult =
  | { readonly state: 'empty' }
  | { readonly state: 'anchored'; readonly size: number; readonly newCheckpoint: boolean; readonly tsa: TimestampResult; readonly ots: SubmitResult };

/**
 * One anchoring pass, run by a Temporal Schedule (every 10–15 min): checkpoint the anchor log (every
 * site checkpoint so far), get an RFC 3161 token for it, submit it to the OpenTimestamps calendars
 * when due, and start the durable upgrade workflow for the proof.
 */
export async function anchorEvidence(input: AnchorEvidenceInput = {}): Promise<AnchorPassResult> {
  const a = evidenceActivities();
  const checkpoint = await a.checkpointAnchorLog();
  if (!checkpoint) return { state: 'empty' };
  const tsa = await a.timestampAnchorCheckpoint(checkpoint.size);
  const ots = await a.submitAnchorCheckpoint({ size: checkpoint.size, minIntervalSeconds: input.otsMinIntervalSeconds ?? 3600 });
  if (ots.state === 'submitted') {
    // Durable: once the submission is recorded in this history the child is started even if the
    // worker dies in between. ABANDON: the upgrade outlives this pass by days.
    await startChild(upgradeAnchorProof, {
      // Size plus body hash: unique to this deployment's anchor log, even on a shared Temporal namespace.
      workflowId: `evidence-anchor-upgrade:${checkpoint.size}:${checkpoint.bodySha256.slice(0, 16)}`,
      args: [{ anchorSize: checkpoint.size, ...input.upgrade }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return { state: 'anchored', size: checkpoint.size, newCheckpoint: checkpoint.created, tsa, ots };
}
