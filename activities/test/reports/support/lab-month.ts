import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApprovalPlan } from '@custos/core';
import { mirrorPendingApproval, recordDecision, type Database } from '@custos/db';
import { healMode, type Catalogue, type Runbook } from '@custos/runbooks';
import type { LabSiteHandle } from '@custos/testkit';
import type { WinrmClient } from '@custos/winrm';
import { canonicalSha256 } from '../../../src/central/heal/canonical-hash.js';
import { makeRecordScanResults } from '../../../src/central/findings/scan-record.js';
import type { CentralRuntime } from '../../../src/central/heal/central-runtime.js';
import type { EvidenceRequest, EvidenceService } from '../../../src/central/evidence/index.js';
// The lab keeps each runbook's drift next to its handlers; this simulation drives them.
import { RUNBOOK_LAB_CASES } from '../../../../lab/src/runbooks/index.js';

/**
 * A month of a lab site's history, as signed evidence. What is real: every check result comes from
 * the runbook's check script run over WinRM against the lab host and judged by the catalogue; each
 * scan is recorded by the central scan-record code (findings, and the controls its bundle states);
 * every drift is the lab's own drift for that runbook; every heal is the runbook's remediate and
 * verify scripts run over WinRM. What is simulated: time. The site is checked for real once before the
 * month and again after each change; days without a change re-record the last real results (the
 * hosts did not change, so a scan would see the same). Bundles are recorded through the real
 * evidence service with the times the scenario gives them (backdated to October 2026).
 */

export interface LabHost {
  name: string;
  id: string;
  role: 'domain_controller' | 'server' | 'workstation';
}

export interface ScenarioEvent {
  day: number;
  host: string;
  runbook: string;
  /** L1 heal, or the L3 path: a person decides first. */
  heal?: { tier: 'L1' | 'L3'; afterMinutes: number };
  approval?: { decision: 'approved' | 'rejected'; afterMinutes: number; reason: string };
}

export interface LedgerIncident {
  host: string;
  runbook: string;
  openedAt: string;
  closedAt?: string;
  outcome: 'healed' | 'escalated' | 'open';
  tier?: 'L1' | 'L3';
}

export interface SimulatedMonth {
  /** Results of the last scan of the month, per `host|runbook`. */
  finalResults: Map<string, 'pass' | 'fail'>;
  /** Results as the month began (after the September heals). */
  startResults: Map<string, 'pass' | 'fail'>;
  /** Results at the end of each day of the month (index 1–31). */
  dayEnd: Map<number, Map<string, 'pass' | 'fail'>>;
  /** Pairs failing at the first scan (30 September), healed or not that day. */
  baselineFailures: string[];
  ledger: LedgerIncident[];
  /** Bundles recorded with a finish time in October. */
  bundlesInMonth: number;
  bundlesTotal: number;
}

export interface SimulationContext {
  db: Kysely<Database>;
  service: EvidenceService;
  catalogue: Catalogue;
  lab: LabSiteHandle;
  winrm: WinrmClient;
  siteId: string;
  scope: { kind: 'site'; partnerId: string; clientId: string; siteId: string };
  hosts: LabHost[];
  approver: { id: string };
  /** The central scan/heal runtime: scan results are recorded through its real scan-record code. */
  runtime: CentralRuntime;
}

const LAB_KIND = { domain_controller: 'dc', server: 'server', workstation: 'workstation' } as const;
export const pair = (host: string, runbook: string) => `${host}|${runbook}`;
const at = (day: number, minutes = 0) => new Date(Date.UTC(2026, 9, day, 6, minutes)).toISOString();
const september = (hour: number, minutes = 0) => new Date(Date.UTC(2026, 8, 30, hour, minutes)).toISOString();

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

export function applicableRunbooks(catalogue: Catalogue, host: LabHost): Runbook[] {
  return catalogue.runbooks.filter((r) => r.hostKinds.includes(host.role));
}

async function runPhase(ctx: SimulationContext, host: string, runbook: Runbook, phase: 'check' | 'remediate' | 'verify'): Promise<Record<string, unknown>> {
  const script = ctx.catalogue.script(runbook.id, runbook.version, phase);
  if (!script) throw new Error(`${runbook.id} has no ${phase} script`);
  const approved = phase === 'remediate' ? (RUNBOOK_LAB_CASES.get(runbook.id)?.approvedParams ?? {}) : {};
  const params = ctx.catalogue.resolveParams(runbook.id, runbook.version, approved);
  const out = await ctx.winrm.runScript(ctx.lab.target(host), { header: { runbook: runbook.id, version: runbook.version, phase }, script: script.body, params: params as never });
  return out.result as Record<string, unknown>;
}

/** One real check, judged: an output the catalogue cannot judge counts as a failure (it evidences nothing). */
async function check(ctx: SimulationContext, host: string, runbook: Runbook, phase: 'check' | 'verify' = 'check'): Promise<'pass' | 'fail'> {
  const output = await runPhase(ctx, host, runbook, phase);
  return ctx.catalogue.judge(runbook.id, runbook.version, phase, output, ctx.catalogue.resolveParams(runbook.id, runbook.version, {})).status === 'pass' ? 'pass' : 'fail';
}

/** One scan of the site as the scan workflow records it: results through scan-record.ts, its controls as the bundle. */
async function scanRequest(ctx: SimulationContext, hosts: LabHost[], results: Map<string, 'pass' | 'fail'>, finishedAt: string, runId: string): Promise<EvidenceRequest> {
  const record = await makeRecordScanResults(ctx.runtime)({
    siteId: ctx.siteId,
    observedAt: finishedAt,
    hosts: hosts.map((h) => ({ hostId: h.id, hostname: h.name, kind: h.role })),
    results: hosts.map((h) => ({
      hostId: h.id,
      reachability: 'reachable' as const,
      checks: applicableRunbooks(ctx.catalogue, h).map((r) => ({ runbookId: r.id, version: r.version, status: results.get(pair(h.name, r.id))!, durationMs: 0 })),
    })),
  });
  return { requestKey: `scan:${runId}`, siteId: ctx.siteId, kind: 'scan', runId, startedAt: new Date(Date.parse(finishedAt) - 60_000).toISOString(), finishedAt, controls: record.controls };
}

export async function simulateLabMonth(ctx: SimulationContext, scenario: readonly ScenarioEvent[]): Promise<SimulatedMonth> {
  const byName = new Map(ctx.hosts.map((h) => [h.name, h]));
  const results = new Map<string, 'pass' | 'fail'>();
  const jobs = ctx.hosts.flatMap((h) => applicableRunbooks(ctx.catalogue, h).map((r) => ({ h, r })));
  const baseline = await mapLimit(jobs, 8, ({ h, r }) => check(ctx, h.name, r));
  jobs.forEach(({ h, r }, i) => results.set(pair(h.name, r.id), baseline[i]!));
  const baselineFailures = [...results].filter(([, v]) => v === 'fail').map(([k]) => k);
  const ledger: LedgerIncident[] = baselineFailures.map((k) => ({ host: k.split('|')[0]!, runbook: k.split('|')[1]!, openedAt: september(6), outcome: 'open' }));
  let bundlesInMonth = 0;
  let bundlesTotal = 0;
  const record = async (requests: EvidenceRequest[]) => {
    await ctx.service.recordBatch(requests);
    bundlesTotal += requests.length;
    bundlesInMonth += requests.filter((r) => r.finishedAt >= '2026-10-01T00:00:00.000Z' && r.finishedAt < '2026-11-01T00:00:00.000Z').length;
  };

  // 30 September: the first scan finds what a practice's computers usually have wrong, and L1 heals
  // what it may heal unattended (the rest stays open into October).
  const firstScan = randomUUID();
  await record([await scanRequest(ctx, ctx.hosts, results, september(6), firstScan)]);
  const heals: EvidenceRequest[] = [];
  for (const incident of ledger) {
    const runbook = ctx.catalogue.runbook(incident.runbook)!;
    const kind = LAB_KIND[byName.get(incident.host)!.role];
    if (healMode(runbook) !== 'auto' || RUNBOOK_LAB_CASES.get(runbook.id)?.cycle[kind] !== 'heals') continue;
    await runPhase(ctx, incident.host, runbook, 'remediate');
    if ((await check(ctx, incident.host, runbook, 'verify')) !== 'pass') continue;
    results.set(pair(incident.host, incident.runbook), 'pass');
    const healedAt = september(7, heals.length);
    heals.push({ requestKey: `heal:${randomUUID()}`, siteId: ctx.siteId, kind: 'heal', runId: randomUUID(), startedAt: september(6, 30), finishedAt: healedAt, heal: { ofRun: firstScan, tier: 'L1', actions: [{ runbook: runbook.id, host: byName.get(incident.host)!.id, result: 'applied' }], verified: true } });
    Object.assign(incident, { outcome: 'healed', tier: 'L1', closedAt: healedAt });
  }
  if (heals.length > 0) await record(heals);
  for (const e of scenario) {
    if (results.get(pair(e.host, e.runbook)) !== 'pass') throw new Error(`scenario: ${e.runbook} must pass on ${e.host} before October for its drift to show`);
  }
  const startResults = new Map(results);
  const dayEnd = new Map<number, Map<string, 'pass' | 'fail'>>();
  for (let day = 1; day <= 31; day++) {
    const today = scenario.filter((e) => e.day === day);
    // Drift happens overnight; the morning scan sees it (the drifted pair is re-checked for real).
    for (const e of today) {
      const runbook = ctx.catalogue.runbook(e.runbook)!;
      ctx.lab.site.patchState(e.host, RUNBOOK_LAB_CASES.get(e.runbook)!.drift(ctx.lab.site.state(e.host)));
      results.set(pair(e.host, e.runbook), await check(ctx, e.host, runbook));
      if (results.get(pair(e.host, e.runbook)) !== 'fail') throw new Error(`scenario: drift of ${e.runbook} on ${e.host} did not make its check fail`);
    }
    const scanRun = randomUUID();
    await record([await scanRequest(ctx, ctx.hosts, results, at(day), scanRun)]);
    for (const e of today) {
      const host = byName.get(e.host)!;
      const runbook = ctx.catalogue.runbook(e.runbook)!;
      const incident: LedgerIncident = { host: e.host, runbook: e.runbook, openedAt: at(day), outcome: 'open' };
      ledger.push(incident);
      const healRun = randomUUID();
      const requests: EvidenceRequest[] = [];
      if (e.approval) {
        const decidedAt = at(day, e.approval.afterMinutes);
        const plan: ApprovalPlan = {
          siteId: ctx.siteId, hostId: host.id, findingId: randomUUID(), runbookId: runbook.id, runbookVersion: runbook.version, params: {},
          tier: 'L3', risk: 'medium', disruptive: runbook.disruptive, maintenanceWindow: null, rationale: null,
        };
        const planSha256 = canonicalSha256(plan);
        const row = (await mirrorPendingApproval(ctx.db, ctx.scope, { workflowId: `heal:${healRun}`, siteId: ctx.siteId, plan, planSha256, priority: 'high', requestedAt: new Date(at(day, 5)), expiresAt: new Date(at(day, 600)) }))!;
        await recordDecision(ctx.db, ctx.scope, { id: row.id, status: e.approval.decision, decidedBy: ctx.approver.id, decidedAt: new Date(decidedAt), reason: e.approval.reason });
        requests.push({ requestKey: `approval:${healRun}`, siteId: ctx.siteId, kind: 'approval', runId: randomUUID(), startedAt: at(day, 5), finishedAt: decidedAt, approval: { ofRun: healRun, planSha256, decision: e.approval.decision, approver: ctx.approver.id, decidedAt } });
        incident.outcome = 'escalated';
        incident.tier = 'L3';
      }
      const approved = !e.approval || e.approval.decision === 'approved';
      if (e.heal && approved) {
        await runPhase(ctx, e.host, runbook, 'remediate');
        const verified = (await check(ctx, e.host, runbook, 'verify')) === 'pass';
        if (!verified) throw new Error(`scenario: ${e.runbook} did not verify on ${e.host} after remediation`);
        results.set(pair(e.host, e.runbook), await check(ctx, e.host, runbook));
        const healedAt = at(day, e.heal.afterMinutes);
        requests.push({ requestKey: `heal:${healRun}`, siteId: ctx.siteId, kind: 'heal', runId: healRun, startedAt: at(day, 1), finishedAt: healedAt, heal: { ofRun: scanRun, tier: e.heal.tier, actions: [{ runbook: runbook.id, host: host.id, result: 'applied' }], verified: true } });
        Object.assign(incident, { outcome: 'healed', tier: e.heal.tier, closedAt: healedAt });
      } else if (e.heal) {
        requests.push({ requestKey: `heal:${healRun}`, siteId: ctx.siteId, kind: 'heal', runId: healRun, startedAt: at(day, 1), finishedAt: at(day, e.heal.afterMinutes), heal: { ofRun: scanRun, tier: e.heal.tier, actions: [{ runbook: runbook.id, host: host.id, result: 'skipped' }], verified: false } });
      }
      if (requests.length > 0) await record(requests);
    }
    dayEnd.set(day, new Map(results));
  }
  return { finalResults: results, startResults, dayEnd, baselineFailures, ledger, bundlesInMonth, bundlesTotal };
}
