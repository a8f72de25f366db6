/**
 * Records one batch of scan results: a failing check opens a finding for (host, check) unless one is
 * already open, a passing check resolves the open one, and each reachable host is marked seen. Per
 * host in one transaction under an advisory lock, so retries and concurrent scans never open a
 * second finding for the same drift. Returns the failing findings the scan hands to heal.
 */
import type { ControlResult } from '@custos/evidence';
import type { Severity } from '@custos/db';
import { getHost } from '@custos/db';
import { FRAMEWORKS, type Runbook } from '@custos/runbooks';
import type { HostCheckResult, HostRef } from '../../site/types.js';
import type { CentralRuntime } from '../heal/central-runtime.js';
import { siteScope } from '../inventory/site-scope.js';
import { insertOpenFinding, lockHost, markHostSeen, openFindings, resolveFindings } from './finding-queries.js';

export interface ScanRecordRequest {
  siteId: string;
  /** ISO time the scan observed these results. */
  observedAt: string;
  hosts: HostRef[];
  results: HostCheckResult[];
}

export interface FindingToHeal {
  findingId: string;
  host: HostRef;
  runbookId: string;
  version: number;
  severity: Severity;
  output: unknown;
}

export interface ScanRecord {
  opened: number;
  resolved: number;
  /** Open findings after this batch (new and earlier ones still failing). */
  open: number;
  failing: FindingToHeal[];
  /** Per control a check maps to, per host: what the scan's evidence bundle states (ids only, catalogue text). */
  controls: ControlResult[];
}

/** Framework-qualified control ids (`hipaa:164.312(b)`); CIS benchmark titles are prose, not ids, and stay out. */
export function controlIds(runbook: Runbook | undefined): string[] {
  if (!runbook) return [];
  return FRAMEWORKS.flatMap((framework) => (runbook.controls[framework] ?? []).map((id) => `${framework}:${id}`));
}

/** What a check result says about each control its runbook maps to (framework-qualified ids). */
function controlResults(runbook: Runbook | undefined, hostId: string, status: string): ControlResult[] {
  const result: ControlResult['result'] = status === 'pass' ? 'pass' : status === 'fail' ? 'fail' : 'na';
  return controlIds(runbook).map((id) => ({ id, result, host: hostId, ...(result === 'fail' && runbook ? { finding: `${runbook.id}: ${runbook.title}`.slice(0, 200) } : {}) }));
}

const clip = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function makeRecordScanResults(rt: CentralRuntime) {
  return async function recordScanResults(req: ScanRecordRequest): Promise<ScanRecord> {
    const { scope } = await siteScope(rt.db, req.siteId);
    const at = new Date(req.observedAt);
    const out: ScanRecord = { opened: 0, resolved: 0, open: 0, failing: [], controls: [] };
    const refs = new Map(req.hosts.map((h) => [h.hostId, h]));
    for (const result of req.results) {
      const ref = refs.get(result.hostId);
      if (!ref || result.reachability !== 'reachable') continue;
      await rt.db.transaction().execute(async (trx) => {
        const host = await getHost(trx, scope, result.hostId);
        if (!host) return;
        await lockHost(trx, host.id);
        await markHostSeen(trx, scope, host.id, at);
        const open = new Map((await openFindings(trx, scope, host.id)).map((f) => [f.check_id, f]));
        const passing: string[] = [];
        for (const check of result.checks) {
          out.controls.push(...controlResults(rt.catalogue.runbook(check.runbookId, check.version) ?? rt.catalogue.runbook(check.runbookId), host.id, check.status));
          const existing = open.get(check.runbookId);
          if (check.status === 'pass') {
            if (existing) passing.push(existing.id);
            continue;
          }
          const runbook = rt.catalogue.runbook(check.runbookId, check.version) ?? rt.catalogue.runbook(check.runbookId);
          const severity: Severity = runbook?.severity ?? 'medium';
          const finding =
            existing ??
            (await insertOpenFinding(trx, host, {
              checkId: check.runbookId,
              controlIds: controlIds(runbook),
              severity,
              summary: clip(check.status === 'fail' ? `${runbook?.title ?? check.runbookId}: check failed` : `${runbook?.title ?? check.runbookId}: check could not run (${check.problem ?? check.status})`),
              observedAt: at,
            }));
          if (!existing) out.opened++;
          out.open++;
          // Only a judged failure is healed; a check that could not run is reported, not "fixed".
          if (check.status === 'fail') {
            out.failing.push({ findingId: finding.id, host: ref, runbookId: check.runbookId, version: check.version, severity: finding.severity, output: check.output ?? null });
          }
        }
        out.resolved += await resolveFindings(trx, scope, passing, at);
      });
    }
    return out;
  };
}
