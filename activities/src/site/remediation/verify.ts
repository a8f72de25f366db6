/**
 * Re-reads the host after a change with the runbook's verify phase (the check when it declares none)
 * and judges it. Only `pass` lets a workflow call a finding healed; invalid output is never a pass.
 */
import { ScriptError } from '@custos/winrm';
import { runPhase } from '../checks/run-phase.js';
import { invalidInput, toFailure } from '../failures.js';
import type { SiteRuntime } from '../site-deps.js';
import type { ActionInput, VerifyOutput } from '../types.js';

export function makeVerify(rt: SiteRuntime) {
  return async function verify(input: ActionInput): Promise<VerifyOutput> {
    if (input.siteId !== rt.siteId) throw invalidInput(`appliance for site ${rt.siteId} was asked to verify on site ${input.siteId}`);
    try {
      const params = rt.catalogue.resolveParams(input.runbookId, input.version, input.params);
      const target = await rt.vault.targetFor(input.host);
      return await rt.winrm.withShell(target, async (shell) => {
        let output: unknown;
        try {
          output = await runPhase(shell, rt.catalogue, { runbookId: input.runbookId, version: input.version, phase: 'verify', params });
        } catch (err) {
          if (err instanceof ScriptError) return { status: 'error', problem: err.message };
          throw err;
        }
        const outcome = rt.catalogue.judge(input.runbookId, input.version, 'verify', output, params);
        if (outcome.status === 'invalid') return { status: 'invalid', output, problem: outcome.problems.join('; ') };
        return { status: outcome.status, output, evidence: rt.catalogue.evidence(input.runbookId, input.version, output) };
      });
    } catch (err) {
      throw toFailure(err);
    }
  };
}
