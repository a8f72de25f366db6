import { Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { HistoryToReplay } from './sources.js';
import type { CodeShelf } from './code.js';

export type ReplayVerdict = 'replayed' | 'nondeterministic' | 'failed' | 'version-mismatch' | 'no-version';

export interface ReplayOutcome {
  readonly origin: string;
  readonly workflowType: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly verdict: ReplayVerdict;
  readonly recordedSha256?: string;
  readonly codeSha256?: string;
  readonly codeFrom?: 'kit' | 'file' | 'source';
  readonly detail: string;
}

/**
 * Replays each history against the workflow code of its recorded version. A history whose version
 * cannot be matched is reported as such (not replayed against something else) unless the caller
 * asks for a regression check with `ignoreVersion`.
 */
export async function replayAll(
  histories: readonly HistoryToReplay[],
  shelf: CodeShelf,
  options: { dataConverter: DataConverter; ignoreVersion: boolean; onProgress: (done: number, total: number) => void },
): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  let done = 0;
  for (const h of histories) {
    options.onProgress(done++, histories.length);
    const base = { origin: h.origin, workflowType: h.workflowType, workflowId: h.workflowId, runId: h.runId, ...(h.recordedSha256 ? { recordedSha256: h.recordedSha256 } : {}) };
    const code = await shelf.forVersion(h.recordedSha256);
    const withCode = { ...base, codeSha256: code.sha256, codeFrom: code.from };
    if (!h.recordedSha256 && !options.ignoreVersion) {
      outcomes.push({ ...withCode, verdict: 'no-version', detail: `the history records no workflow bundle hash${h.buildId ? ` (build id ${h.buildId})` : ''}; pass --code with that build's bundle and --ignore-version` });
      continue;
    }
    if (h.recordedSha256 && code.sha256 !== h.recordedSha256 && !options.ignoreVersion) {
      outcomes.push({
        ...withCode,
        verdict: 'version-mismatch',
        detail: `recorded workflow code ${h.recordedSha256.slice(0, 16)}…, the ${code.from === 'file' ? '--code file' : 'workflow source here'} is ${code.sha256.slice(0, 16)}…; check out the commit that built it or pass --code with that bundle`,
      });
      continue;
    }
    try {
      await Worker.runReplayHistory({ workflowBundle: { code: code.code }, dataConverter: options.dataConverter }, h.history, h.workflowId);
      outcomes.push({ ...withCode, verdict: 'replayed', detail: code.sha256 === h.recordedSha256 ? 'deterministic against the recorded code' : 'deterministic against different code (--ignore-version)' });
    } catch (err) {
      const e = err as Error;
      // Symbol-based instanceof does not cross the sandbox reliably; the SDK names the class.
      const nondeterministic = e.name === 'DeterminismViolationError' || /TMPRL1100|[Nn]ondeterminism/.test(e.message);
      outcomes.push({ ...withCode, verdict: nondeterministic ? 'nondeterministic' : 'failed', detail: e.message.split('\n')[0]!.slice(0, 400) });
    }
  }
  options.onProgress(done, histories.length);
  return outcomes;
}
