import type { WorkflowExecutionInfo } from '@temporalio/client';
import { HealTier, HostId, Outcome, RunbookId, SiteId } from '@custos/core';
import { temporal } from './client.js';

export interface RunRow {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startTime: number;
  closeTime: number | null;
  siteId: string | null;
  hostId: string | null;
  runbookId: string | null;
  tier: string | null;
  outcome: string | null;
}

const UUID = /^[0-9a-f-]{36}$/i;

/** A visibility listing entry as a row: the run and the opaque ids its search attributes hold. */
export function runRow(w: WorkflowExecutionInfo): RunRow {
  return {
    workflowId: w.workflowId,
    runId: w.runId,
    type: w.type,
    status: w.status.name,
    startTime: w.startTime.getTime(),
    closeTime: w.closeTime?.getTime() ?? null,
    siteId: w.typedSearchAttributes.get(SiteId) ?? null,
    hostId: w.typedSearchAttributes.get(HostId) ?? null,
    runbookId: w.typedSearchAttributes.get(RunbookId) ?? null,
    tier: w.typedSearchAttributes.get(HealTier) ?? null,
    outcome: w.typedSearchAttributes.get(Outcome) ?? null,
  };
}

/**
 * Recent workflow runs of one site from Temporal visibility (newest first). The caller has already
 * checked, with the user's own API session, that the site is theirs; the ids are validated before
 * they go into the query.
 */
export async function siteRuns(siteId: string, opts: { type?: 'scanSite' | 'heal'; hostId?: string; limit: number }): Promise<RunRow[]> {
  if (!UUID.test(siteId) || (opts.hostId && !UUID.test(opts.hostId))) throw new Error('site and host ids must be UUIDs');
  const conditions = [`CustosSiteId = '${siteId}'`, opts.type && `WorkflowType = '${opts.type}'`, opts.hostId && `CustosHostId = '${opts.hostId}'`].filter(Boolean);
  const { client } = await temporal();
  const out: RunRow[] = [];
  for await (const w of client.workflow.list({ query: conditions.join(' AND '), pageSize: opts.limit })) {
    out.push(runRow(w));
    if (out.length >= opts.limit) break;
  }
  return out;
}
