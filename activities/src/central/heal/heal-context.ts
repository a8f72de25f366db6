/**
 * Everything a heal decides with, read once at its start and frozen in its history: the L1 rules
 * for the finding's runbook (catalogue plus promoted), the runbook's flags, the site's settings
 * (healing pause, per-runbook approval, maintenance window, approval SLAs) and the cooldowns.
 */
import type { L1Rule } from '@custos/core';
import { listRunbookSettings } from '@custos/db';
import { healMode, type HealMode, type Runbook } from '@custos/runbooks';
import type { CentralRuntime } from './central-runtime.js';
import type { ActiveRules } from '../flywheel/flywheel-contract.js';
import { readActiveRules } from '../flywheel/flywheel-client.js';
import type { SiteConfig } from '../schedules/site-entity-contract.js';
import { readSiteSnapshot } from '../schedules/site-entity-client.js';
import { siteScope } from '../inventory/site-scope.js';

export interface RunbookFacts {
  id: string;
  version: number;
  title: string;
  severity: Runbook['severity'];
  healMode: HealMode;
  disruptive: boolean;
  requiresApproval: boolean;
  maintenanceWindow: boolean;
  hasRemediate: boolean;
  hasRollback: boolean;
  timeoutSeconds: number;
}

export interface HealContextRequest {
  siteId: string;
  hostId: string;
  runbookId: string;
  version: number;
}

export interface HealContext {
  /** Enabled L1 rules that can match findings of this runbook. */
  rules: L1Rule[];
  /** Version of the promoted rule set these rules came from. */
  promotedRulesVersion: number;
  /** Null when central's catalogue does not have this runbook version (heal escalates). */
  runbook: RunbookFacts | null;
  healingPaused: boolean;
  /** The site requires approval for this runbook, whatever the catalogue says. */
  siteRequiresApproval: boolean;
  site: SiteConfig;
  /** Cooldowns of this host: key → epoch ms. */
  cooldowns: [string, number][];
}

export function runbookFacts(runbook: Runbook): RunbookFacts {
  return {
    id: runbook.id,
    version: runbook.version,
    title: runbook.title,
    severity: runbook.severity,
    healMode: healMode(runbook),
    disruptive: runbook.disruptive,
    requiresApproval: runbook.requiresApproval,
    maintenanceWindow: runbook.maintenanceWindow,
    hasRemediate: runbook.remediate !== undefined,
    hasRollback: runbook.rollback !== undefined,
    timeoutSeconds: runbook.timeoutSeconds,
  };
}

const pins = (rule: L1Rule, runbookId: string) => rule.match.some((c) => c.path === 'runbookId' && c.op === 'eq' && c.value === runbookId);

export function makeLoadHealContext(rt: CentralRuntime) {
  return async function loadHealContext(req: HealContextRequest): Promise<HealContext> {
    const { scope, site } = await siteScope(rt.db, req.siteId);
    const [settings, snapshot, promoted] = await Promise.all([
      listRunbookSettings(rt.db, scope, { siteId: site.id }),
      readSiteSnapshot(rt.temporal, site.id),
      readActiveRules(rt.temporal, rt.flywheelWorkflowId),
    ]);
    const runbook = rt.catalogue.runbook(req.runbookId, req.version);
    const handWritten = rt.catalogue.rules.map((e) => e.rule).filter((r) => r.enabled && pins(r, req.runbookId));
    const fromFlywheel = (promoted as ActiveRules).rules.filter((r) => r.enabled && pins(r, req.runbookId));
    return {
      rules: [...handWritten, ...fromFlywheel],
      promotedRulesVersion: promoted.version,
      runbook: runbook ? runbookFacts(runbook) : null,
      healingPaused: site.healing_paused,
      siteRequiresApproval: settings.some((s) => s.runbook_id === req.runbookId && s.require_approval),
      site: snapshot.config,
      cooldowns: snapshot.cooldowns.filter(([key]) => key.endsWith(`\u0000${req.hostId}`)),
    };
  };
}

export function makeDescribeRunbook(rt: CentralRuntime) {
  return async function describeRunbook(req: { runbookId: string; version: number }): Promise<RunbookFacts | null> {
    const runbook = rt.catalogue.runbook(req.runbookId, req.version);
    return runbook ? runbookFacts(runbook) : null;
  };
}
