/**
 * Runs a runbook's declared rollback with the `before` state its remediation emitted, once per
 * idempotency key. Rollback restores given values, so after a crash between intent and done it is
 * sent again rather than guessed at.
 */
import { runPhase } from '../checks/run-phase.js';
import { invalidInput, toFailure } from '../failures.js';
import type { SiteRuntime } from '../site-deps.js';
import type { RollbackInput, RollbackOutput } from '../types.js';
import { readActionOutput } from './action-output.js';
import { withHeartbeat } from './heartbeat.js';
import { checkKey } from './remediate.js';

export function makeRollback(rt: SiteRuntime) {
  return async function rollback(input: RollbackInput): Promise<RollbackOutput> {
    if (input.siteId !== rt.siteId) throw invalidInput(`appliance for site ${rt.siteId} was asked to roll back on site ${input.siteId}`);
    const key = checkKey(input.idempotencyKey);
    const prior = rt.journal.get(key);
    if (prior?.state === 'done') return { ...(prior.result as RollbackOutput), status: 'already_applied' };
    try {
      const params = rt.catalogue.resolveParams(input.runbookId, input.version, { ...input.params, before: input.before }, 'rollback');
      const target = await rt.vault.targetFor(input.host);
      return await withHeartbeat(() =>
        rt.winrm.withShell(target, async (shell) => {
          rt.journal.intent(key);
          const raw = await runPhase(shell, rt.catalogue, { runbookId: input.runbookId, version: input.version, phase: 'rollback', params, idempotencyKey: key });
          const out = readActionOutput(raw, `rollback of ${input.runbookId} v${input.version}`);
          const result: RollbackOutput = { status: 'applied', changed: out.changed, actions: out.actions };
          rt.journal.done(key, result);
          return result;
        }),
      );
    } catch (err) {
      throw toFailure(err);
    }
  };
}
