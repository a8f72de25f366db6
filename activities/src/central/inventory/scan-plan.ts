/**
 * What one scan does: which hosts, which checks per host kind, and how wide. Built from the
 * inventory (hosts table), the catalogue and the site's runbook settings; ids and names only.
 */
import type { CheckRef, HostKind, HostRef } from '../../site/types.js';
import type { CentralRuntime } from '../heal/central-runtime.js';
import { listHosts, listRunbookSettings } from '@custos/db';
import { siteScope } from './site-scope.js';

export type ScanScope = 'all' | 'servers' | 'workstations';

export interface ScanPlanRequest {
  siteId: string;
  hostKinds: ScanScope;
  /** Only these hosts (a targeted re-check after a fix); default every host of the kinds. */
  hostIds?: string[];
  /** Only these runbooks; default every enabled one. */
  runbookIds?: string[];
}

export interface ScanPlan {
  siteId: string;
  healingPaused: boolean;
  hosts: HostRef[];
  checksByKind: Record<HostKind, CheckRef[]>;
  batchSize: number;
  parallelBatches: number;
}

const KINDS: Record<ScanScope, readonly HostKind[]> = {
  all: ['domain_controller', 'server', 'workstation'],
  servers: ['domain_controller', 'server'],
  workstations: ['workstation'],
};

export function makeLoadScanPlan(rt: CentralRuntime) {
  return async function loadScanPlan(req: ScanPlanRequest): Promise<ScanPlan> {
    const { scope, site } = await siteScope(rt.db, req.siteId);
    const kinds = KINDS[req.hostKinds] ?? KINDS.all;
    const hosts: HostRef[] = [];
    for (let after: string | undefined; ; ) {
      const page = await listHosts(rt.db, scope, { siteId: site.id, limit: 500, ...(after !== undefined ? { after } : {}) });
      for (const h of page) if (kinds.includes(h.role) && (!req.hostIds || req.hostIds.includes(h.id))) hosts.push({ hostId: h.id, hostname: h.hostname, kind: h.role });
      if (page.length < 500) break;
      after = page[page.length - 1]?.hostname;
    }
    const disabled = new Set((await listRunbookSettings(rt.db, scope, { siteId: site.id })).filter((s) => !s.enabled).map((s) => s.runbook_id));
    const checksByKind = { domain_controller: [], server: [], workstation: [] } as Record<HostKind, CheckRef[]>;
    for (const runbook of rt.catalogue.runbooks) {
      if (disabled.has(runbook.id) || (req.runbookIds && !req.runbookIds.includes(runbook.id))) continue;
      for (const kind of runbook.hostKinds) checksByKind[kind].push({ runbookId: runbook.id, version: runbook.version, params: {} });
    }
    return {
      siteId: site.id,
      healingPaused: site.healing_paused,
      hosts,
      checksByKind,
      batchSize: rt.scanBatchSize ?? 10,
      parallelBatches: rt.scanParallelBatches ?? 4,
    };
  };
}
