/**
 * What a heal writes centrally: its state in the heals mirror (the workflow stays the source of
 * truth), the finding closed after a passing verify, and the finding's status re-read before a
 * change runs (a human may have fixed it while the approval waited).
 */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import { getFinding, mirrorHeal, type HealStatus, type Tier } from '@custos/db';
import type { CentralRuntime } from './central-runtime.js';
import { resolveFindings } from '../findings/finding-queries.js';
import { siteScope } from '../inventory/site-scope.js';

export interface HealMirror {
  workflowId: string;
  runId: string;
  siteId: string;
  findingId: string;
  tier: Tier;
  status: HealStatus;
  /** ISO time; set when the heal finished. */
  finishedAt: string | null;
}

export function makeHealRecords(rt: CentralRuntime) {
  return {
    async mirrorHealState(m: HealMirror): Promise<void> {
      const { scope } = await siteScope(rt.db, m.siteId);
      const row = await mirrorHeal(rt.db, scope, {
        workflowId: m.workflowId,
        runId: m.runId,
        siteId: m.siteId,
        findingId: m.findingId,
        tier: m.tier,
        status: m.status,
        finishedAt: m.finishedAt ? new Date(m.finishedAt) : null,
      });
      if (!row) throw ApplicationFailure.create({ type: FailureType.NotFound, nonRetryable: true, message: `site ${m.siteId} is out of scope for heal ${m.workflowId}` });
    },

    async findingStatus(req: { siteId: string; findingId: string }): Promise<'open' | 'resolved' | 'missing'> {
      const { scope } = await siteScope(rt.db, req.siteId);
      const f = await getFinding(rt.db, scope, req.findingId);
      return f ? f.status : 'missing';
    },

    /** Called only after a passing verify; returns false when the finding was already resolved. */
    async closeFinding(req: { siteId: string; findingId: string; resolvedAt: string }): Promise<boolean> {
      const { scope } = await siteScope(rt.db, req.siteId);
      return (await resolveFindings(rt.db, scope, [req.findingId], new Date(req.resolvedAt))) === 1;
    },
  };
}
