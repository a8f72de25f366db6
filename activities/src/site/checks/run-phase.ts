/**
 * Runs one catalogue phase of a runbook on an open shell, exactly as the convention says: the
 * catalogue's body, a header naming runbook, version and phase, and the resolved params as data.
 */
import type { Catalogue, Phase } from '@custos/runbooks';
import type { HostShell } from '@custos/winrm';
import { invalidInput } from '../failures.js';

export async function runPhase(
  shell: HostShell,
  catalogue: Catalogue,
  req: { runbookId: string; version: number; phase: Phase; params: Record<string, unknown>; idempotencyKey?: string },
): Promise<unknown> {
  const runbook = catalogue.runbook(req.runbookId, req.version);
  const script = catalogue.script(req.runbookId, req.version, req.phase);
  if (!runbook || !script) throw invalidInput(`runbook ${req.runbookId} v${req.version} has no ${req.phase} script in this appliance's catalogue`);
  const phaseTimeout = req.phase === 'check' ? runbook.check.timeoutSeconds : req.phase === 'verify' ? (runbook.verify?.timeoutSeconds ?? runbook.check.timeoutSeconds) : runbook[req.phase]?.timeoutSeconds;
  const run = await shell.runScript({
    header: { runbook: req.runbookId, version: req.version, phase: req.phase, ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}) },
    script: script.body,
    params: req.params,
    timeoutMs: (phaseTimeout ?? runbook.timeoutSeconds) * 1000,
  });
  return run.result;
}
