import { ParentClosePolicy, startChild, upsertSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { HostId, isSiteId, Outcome, RunbookId, SiteId } from '@custos/core';
import type { FindingToHeal, ScanScope } from '@custos/activities/types';
import { centralLocalActivities, siteActivities } from '../proxies.js';
import { heal } from '../heal/heal.workflow.js';
import { healWorkflowId, type HealInput } from '../heal/heal-types.js';
import { invalidInput } from '../heal/failures.js';
import { recordHistoryEvidence } from '../evidence/record.js';
import { chunk, forEachBounded } from './bounded.js';
import { recordScanBatchEvidence } from './scan-evidence.js';
import { ScanTally, type ScanSummary } from './scan-tally.js';

export interface ScanSiteInput {
  siteId: string;
  trigger: 'schedule' | 'manual';
  /** Default all: the Schedules run servers and workstations at their own cadences. */
  hostKinds?: ScanScope;
  /** A targeted re-check: only these hosts and/or runbooks. */
  hostIds?: string[];
  runbookIds?: string[];
}

/**
 * One scan of a site: plan (hosts, enabled checks), fetch credentials onto the appliance, check
 * hosts in batches on the site queue with bounded concurrency, record findings centrally after each
 * batch, and start one heal per failing check. A heal's id is its finding's, with REJECT_DUPLICATE:
 * drift already being healed (or healed and escalated) is never healed twice. Heals are abandoned
 * children: they outlive the scan (an approval may take hours). Each recorded batch becomes a signed
 * scan bundle, and the run's history is exported as evidence when it closes.
 */
export async function scanSite(input: ScanSiteInput): Promise<ScanSummary> {
  if (!isSiteId(input?.siteId ?? '')) throw invalidInput(`scanSite: siteId ${JSON.stringify(input?.siteId)} is not a site id`);
  const central = centralLocalActivities();
  const site = siteActivities(input.siteId, { scheduleToClose: '20 minutes', startToClose: '15 minutes', heartbeat: '1 minute' });
  const startedAt = new Date(Date.now()).toISOString();
  // Together: the history export (however this run ends, it becomes evidence), the plan, and the
  // credentials fetched onto the appliance just in time.
  const [, plan] = await Promise.all([
    recordHistoryEvidence(input.siteId),
    central.loadScanPlan({
      siteId: input.siteId,
      hostKinds: input.hostKinds ?? 'all',
      ...(input.hostIds ? { hostIds: input.hostIds } : {}),
      ...(input.runbookIds ? { runbookIds: input.runbookIds } : {}),
    }),
    site.refreshCredentials(input.siteId),
  ]);
  const tally = new ScanTally(plan.siteId, plan.hosts.length, plan.healingPaused);
  if (plan.hosts.length === 0) return tally.summary();
  const observedAt = new Date(Date.now()).toISOString();

  await forEachBounded(chunk(plan.hosts, plan.batchSize), plan.parallelBatches, async (batch, index) => {
    const { hosts } = await site.checkHosts({ siteId: plan.siteId, hosts: batch.map((h) => ({ ...h, checks: plan.checksByKind[h.kind] })) });
    tally.addResults(hosts);
    const record = await central.recordScanResults({ siteId: plan.siteId, observedAt, hosts: batch, results: hosts });
    tally.addRecord(record);
    await Promise.all([
      recordScanBatchEvidence(plan.siteId, index, startedAt, record),
      ...(plan.healingPaused ? [] : record.failing.map(async (finding) => tally.healStarted(await startHeal(plan.siteId, finding)))),
    ]);
  });

  upsertSearchAttributes([{ key: Outcome, value: tally.outcome() }]);
  return tally.summary();
}

async function startHeal(siteId: string, f: FindingToHeal): Promise<boolean> {
  const args: HealInput = { siteId, findingId: f.findingId, host: f.host, runbookId: f.runbookId, version: f.version, severity: f.severity, output: f.output };
  try {
    await startChild(heal, {
      workflowId: healWorkflowId(siteId, f.findingId),
      args: [args],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: SiteId, value: siteId },
        { key: HostId, value: f.host.hostId },
        { key: RunbookId, value: f.runbookId },
      ],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
