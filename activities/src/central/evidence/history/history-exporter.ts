import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { Client } from '@temporalio/client';
import { WORKFLOW_ID, utf8 } from '@custos/evidence';
import type { HistorySection } from '@custos/evidence';
import { InvalidEvidenceRequest } from '../service/request.js';
import type { Artefact, EvidenceRequest } from '../service/request.js';
import type { EvidenceService, RecordedEvidence } from '../service/evidence-service.js';
import { HistoryFormatError, historyFacts } from './history-facts.js';

/** The workflow bundle this worker runs, so a history can carry the exact code that replays it. */
export interface WorkflowCode {
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

export interface ClosedWorkflowRef {
  readonly workflowId: string;
  readonly runId: string;
  /** The site the workflow acted for; its history joins that site's log. */
  readonly siteId: string;
}

export type HistoryExportResult = { readonly state: 'open' } | { readonly state: 'recorded'; readonly evidence: RecordedEvidence };

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** KIT.md: a history bundle's subject is `histories/<workflowRunId>.json`. */
export function historyArtefactName(runId: string): string {
  return `histories/${runId}.json`;
}

export function workflowCodeArtefactName(sha256: string): string {
  return `raw/workflow-code/${sha256}.js`;
}

/**
 * Records the history of a closed workflow run as evidence: the proto3 JSON exactly as fetched
 * (payloads stay encoded), a `history` bundle naming the workflow code version, and — when this
 * worker holds that exact bundle — the code itself, so `custos replay` needs nothing else.
 * Answers `open` while the run has not closed; the calling workflow waits and asks again.
 */
export async function exportClosedHistory(
  temporal: Client,
  service: EvidenceService,
  ref: ClosedWorkflowRef,
  code: WorkflowCode | undefined,
): Promise<HistoryExportResult> {
  if (!WORKFLOW_ID.test(ref.workflowId)) {
    throw new InvalidEvidenceRequest(`workflow id ${JSON.stringify(ref.workflowId)} is not an opaque id (lowercase letters, digits, . _ : -, optionally a Schedule time suffix); its history cannot be filed as evidence`);
  }
  if (!RUN_ID.test(ref.runId)) throw new InvalidEvidenceRequest(`run id ${JSON.stringify(ref.runId)} is not a UUID`);
  const handle = temporal.workflow.getHandle(ref.workflowId, ref.runId);
  const description = await handle.describe();
  if (description.status.name === 'RUNNING') return { state: 'open' };

  const json = historyToJSON(await handle.fetchHistory());
  const bytes = utf8(json);
  let facts;
  try {
    facts = historyFacts(JSON.parse(json));
  } catch (err) {
    if (err instanceof HistoryFormatError) throw new InvalidEvidenceRequest(`history of ${ref.workflowId}/${ref.runId}: ${err.message}`);
    throw err;
  }
  const bundleSha256 = facts.bundleSha256 ?? code?.sha256;
  // The core schema admits build ids starting with a letter or digit; the SDK default starts with "@"
  // and carries nothing the bundle hash does not already say.
  const buildId = facts.buildId && /^[A-Za-z0-9][A-Za-z0-9._:+@/-]{0,127}$/.test(facts.buildId) ? facts.buildId : undefined;
  if (!bundleSha256 && !buildId) {
    throw new InvalidEvidenceRequest(`history of ${ref.workflowId}/${ref.runId} records no workflow code version and this worker knows none`);
  }
  const workflowBundle: HistorySection['workflowBundle'] = { ...(bundleSha256 ? { sha256: bundleSha256 } : {}), ...(buildId ? { buildId } : {}) };
  const artefacts: Artefact[] = [{ name: historyArtefactName(ref.runId), bytes, contentType: 'application/json' }];
  if (code && code.sha256 === bundleSha256) artefacts.push({ name: workflowCodeArtefactName(code.sha256), bytes: code.bytes, contentType: 'text/javascript' });

  const request: EvidenceRequest = {
    requestKey: `history:${ref.workflowId}:${ref.runId}`,
    siteId: ref.siteId,
    kind: 'history',
    runId: ref.runId,
    startedAt: facts.startedAt,
    finishedAt: facts.closedAt,
    history: {
      workflowType: facts.workflowType,
      workflowId: ref.workflowId,
      workflowRunId: ref.runId,
      status: facts.status,
      eventCount: String(facts.eventCount),
      workflowBundle,
    },
    artefacts,
  };
  return { state: 'recorded', evidence: await service.record(request) };
}
