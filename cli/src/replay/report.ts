import type { ReplayOutcome } from './run-replay.js';

const MARK: Record<ReplayOutcome['verdict'], string> = {
  replayed: 'ok      ',
  nondeterministic: 'NONDET  ',
  failed: 'FAILED  ',
  'version-mismatch': 'VERSION ',
  'no-version': 'VERSION ',
};

export function formatReplayReport(outcomes: readonly ReplayOutcome[]): string {
  const lines = outcomes.map((o) => {
    const code = o.codeSha256 ? ` code ${o.codeSha256.slice(0, 12)} (${o.codeFrom})` : '';
    return `${MARK[o.verdict]}${o.workflowType} ${o.workflowId} run ${o.runId}${code}\n         ${o.detail}`;
  });
  const bad = outcomes.filter((o) => o.verdict !== 'replayed').length;
  lines.push(bad === 0 ? `${outcomes.length} histor${outcomes.length === 1 ? 'y' : 'ies'} replayed deterministically` : `${bad} of ${outcomes.length} histories did not replay cleanly`);
  return lines.join('\n');
}
