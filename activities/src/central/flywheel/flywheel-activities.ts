/**
 * The flywheel's central activities: heals report outcomes (with the pattern id computed here, so
 * workflow code needs no hashing), and the flywheel seals a proposed rule's hash before showing it.
 */
import type { L1Rule } from '@custos/core';
import { canonicalJson } from '@custos/evidence';
import { createHash } from 'node:crypto';
import type { CentralRuntime } from '../heal/central-runtime.js';
import { canonicalSha256 } from '../heal/canonical-hash.js';
import type { HealOutcomeReport } from './flywheel-contract.js';
import { sendOutcome } from './flywheel-client.js';

/** sha256("<check runbook>:<action runbook>:<JCS params>")[:16] — the original platform's pattern signature, with params. */
export function patternId(checkRunbookId: string, actionRunbookId: string, params: Record<string, unknown>): string {
  return createHash('sha256').update(`${checkRunbookId}:${actionRunbookId}:${canonicalJson(params, { allowFloats: true })}`, 'utf8').digest('hex').slice(0, 16);
}

export function makeReportHealOutcome(rt: CentralRuntime) {
  return async function reportHealOutcome(outcome: Omit<HealOutcomeReport, 'patternId'>): Promise<{ patternId: string }> {
    const report: HealOutcomeReport = { ...outcome, patternId: patternId(outcome.checkRunbookId, outcome.actionRunbookId, outcome.params) };
    await sendOutcome(rt.temporal, rt.flywheelWorkflowId, report);
    return { patternId: report.patternId };
  };
}

export async function hashRule(rule: L1Rule): Promise<string> {
  return canonicalSha256(rule);
}
