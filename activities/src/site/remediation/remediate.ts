/**
 * Applies a runbook's remediation at most once per idempotency key, even across appliance crashes:
 * - `done` in the journal: the recorded result is returned and nothing is sent;
 * - `intent` only (the appliance died after deciding to send): the host is re-checked first, and a
 *   passing check means the earlier attempt took effect, so nothing is sent again;
 * - otherwise `intent` is made durable, the script is sent with the key in its header, and `done`
 *   is recorded with the result.
 */
import { runPhase } from '../checks/run-phase.js';
import { invalidInput, toFailure } from '../failures.js';
import type { SiteRuntime } from '../site-deps.js';
import type { RemediateInput, RemediateOutput } from '../types.js';
import { readActionOutput } from './action-output.js';
import { withHeartbeat } from './heartbeat.js';

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) throw invalidInput('idempotencyKey must be a string of 1 to 256 characters');
  return key;
}

export function makeRemediate(rt: SiteRuntime) {
  return async function remediate(input: RemediateInput): Promise<RemediateOutput> {
    if (input.siteId !== rt.siteId) throw invalidInput(`appliance for site ${rt.siteId} was asked to remediate on site ${input.siteId}`);
    const key = checkKey(input.idempotencyKey);
    const prior = rt.journal.get(key);
    if (prior?.state === 'done') return { ...(prior.result as RemediateOutput), status: 'already_applied' };
    try {
      const params = rt.catalogue.resolveParams(input.runbookId, input.version, input.params);
      const target = await rt.vault.targetFor(input.host);
      return await withHeartbeat(() =>
        rt.winrm.withShell(target, async (shell) => {
          if (prior?.state === 'intent') {
            const output = await runPhase(shell, rt.catalogue, { runbookId: input.runbookId, version: input.version, phase: 'check', params });
            if (rt.catalogue.judge(input.runbookId, input.version, 'check', output, params).status === 'pass') {
              const result: RemediateOutput = { status: 'already_applied', changed: false, actions: ['the host already passes the check after an interrupted attempt; not applied again'] };
              rt.journal.done(key, result);
              return result;
            }
          }
          rt.journal.intent(key);
          const raw = await runPhase(shell, rt.catalogue, { runbookId: input.runbookId, version: input.version, phase: 'remediate', params, idempotencyKey: key });
          const out = readActionOutput(raw, `remediate of ${input.runbookId} v${input.version}`);
          const result: RemediateOutput = out.blocked
            ? { status: 'blocked', changed: out.changed, actions: out.actions, blocked: out.blocked }
            : { status: 'applied', changed: out.changed, actions: out.actions, ...(out.before ? { before: out.before } : {}) };
          rt.journal.done(key, result);
          return result;
        }),
      );
    } catch (err) {
      throw toFailure(err);
    }
  };
}

