import { ApplicationFailure } from '@temporalio/common';
import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { AnchorHttpError, OtsStampError, TimestampError, utf8 } from '@custos/evidence';
import { FailureType } from '@custos/core';
import { AnchorNotFound } from './anchoring/anchor-service.js';
import type { AnchorService, SubmitResult, TimestampResult, UpgradeResult } from './anchoring/anchor-service.js';
import { exportClosedHistory } from './history/history-exporter.js';
import type { ClosedWorkflowRef, HistoryExportResult, WorkflowCode } from './history/history-exporter.js';
import { KeyNotTrusted } from './keys/trust-registry.js';
import { InvalidEvidenceRequest } from './service/request.js';
import type { EvidenceRequest } from './service/request.js';
import type { EvidenceService, RecordedEvidence } from './service/evidence-service.js';
import { ObjectLockMissing, ObjectMissing, RetentionNotApplied } from './store/object-store.js';

export interface EvidenceActivityDeps {
  readonly service: EvidenceService;
  readonly anchoring: AnchorService;
  /** For fetching closed workflow histories. */
  readonly temporal: Client;
  /** The workflow bundle this worker runs (stored beside histories it produced). */
  readonly workflowCode?: WorkflowCode;
}

/** What a workflow sends: an evidence request whose artefacts are UTF-8 text (JSON, logs). */
export interface RecordEvidenceInput extends Omit<EvidenceRequest, 'artefacts'> {
  readonly artefacts?: readonly { readonly name: string; readonly contentType: string; readonly text: string }[];
}

/**
 * Failure types the workflows' retry policies understand. A request that can never be valid is
 * refused for good; a store that is down, lacks Object Lock or does not keep retention, and keys not
 * yet in trust.json all block writing but lose nothing: the activity keeps retrying until fixed.
 */
function asFailure(err: unknown): unknown {
  if (err instanceof InvalidEvidenceRequest) return ApplicationFailure.nonRetryable(err.message, FailureType.EvidenceRefused);
  if (err instanceof AnchorNotFound) return ApplicationFailure.nonRetryable(err.message, FailureType.NotFound);
  if (err instanceof ObjectLockMissing || err instanceof RetentionNotApplied || err instanceof ObjectMissing || err instanceof KeyNotTrusted) {
    return ApplicationFailure.retryable(err.message, FailureType.EvidenceStoreUnavailable);
  }
  if (err instanceof OtsStampError || err instanceof AnchorHttpError || err instanceof TimestampError) return ApplicationFailure.retryable(err.message, err.name);
  return err;
}

async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const failure = asFailure(err);
    log.warn(`${what} failed`, { error: (err as Error).message });
    throw failure;
  }
}

export function createEvidenceActivities(deps: EvidenceActivityDeps | undefined) {
  const need = (): EvidenceActivityDeps => {
    if (!deps) throw ApplicationFailure.retryable('the evidence service is not configured on this worker', FailureType.EvidenceStoreUnavailable);
    return deps;
  };
  return {
    /** Records one scan, heal, approval or report bundle (idempotent by requestKey). */
    async recordEvidence(input: RecordEvidenceInput): Promise<RecordedEvidence> {
      const { service } = need();
      const request: EvidenceRequest = { ...input, artefacts: (input.artefacts ?? []).map((a) => ({ name: a.name, contentType: a.contentType, bytes: utf8(a.text) })) };
      return guarded('recordEvidence', () => service.record(request));
    },

    /** Records the history of a closed run, or answers `open` if it has not closed yet. */
    async recordClosedHistory(ref: ClosedWorkflowRef): Promise<HistoryExportResult> {
      const d = need();
      return guarded('recordClosedHistory', () => exportClosedHistory(d.temporal, d.service, ref, d.workflowCode));
    },

    /** Signs a checkpoint of the anchor log at its current size (null when the log is empty). */
    async checkpointAnchorLog(): Promise<{ size: number; created: boolean; bodySha256: string } | null> {
      const { anchoring } = need();
      const cp = await guarded('checkpointAnchorLog', () => anchoring.checkpoint());
      return cp ? { size: cp.size, created: cp.created, bodySha256: cp.bodySha256 } : null;
    },

    async timestampAnchorCheckpoint(size: number): Promise<TimestampResult> {
      const { anchoring } = need();
      return guarded('timestampAnchorCheckpoint', () => anchoring.timestamp(size));
    },

    async submitAnchorCheckpoint(input: { size: number; minIntervalSeconds: number }): Promise<SubmitResult> {
      const { anchoring } = need();
      return guarded('submitAnchorCheckpoint', () => anchoring.submit(input.size, input.minIntervalSeconds));
    },

    async upgradeAnchorProof(size: number): Promise<UpgradeResult> {
      const { anchoring } = need();
      return guarded('upgradeAnchorProof', () => anchoring.upgrade(size));
    },

    async raiseAnchorAlert(input: { size: number; message: string }): Promise<boolean> {
      const { anchoring } = need();
      log.error('evidence anchor overdue', { size: input.size, message: input.message });
      return guarded('raiseAnchorAlert', () => anchoring.alertOverdue(input.size, input.message));
    },
  };
}
