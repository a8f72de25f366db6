/**
 * A site's interactive state, free of Temporal: its configuration (cadences, maintenance window,
 * approval SLAs and contact levels) with validation that names each bad field, and the L1 cooldowns
 * per (rule, host), claimed atomically and pruned when they run out.
 */
import type { CooldownClaim, CooldownClaimResult, SiteConfig, SiteSnapshot } from '@custos/activities/types';
import { windowProblems } from './maintenance-window.js';

/** Plain-JSON copy (structuredClone is not in the workflow sandbox). */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const WEEK_MINUTES = 7 * 24 * 60;
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;

/** Problems with a configuration change, each naming its field; empty when it may be applied. */
export function configProblems(patch: Partial<SiteConfig>): string[] {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return ['config must be an object'];
  const problems: string[] = [];
  const known = new Set(['serverScanEveryMinutes', 'workstationScanEveryMinutes', 'discoveryEveryMinutes', 'maintenanceWindow', 'approvalSlaMs', 'contactLevels', 'schedulesPaused']);
  for (const key of Object.keys(patch)) if (!known.has(key)) problems.push(`${key}: not a site setting`);
  for (const key of ['serverScanEveryMinutes', 'workstationScanEveryMinutes', 'discoveryEveryMinutes'] as const) {
    const v = patch[key];
    // Seconds are allowed (tests, labs); anything under a few seconds would flood the namespace.
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0.05) || v > WEEK_MINUTES)) problems.push(`${key}: must be from 0.05 (3 s) to ${WEEK_MINUTES} minutes`);
  }
  if (patch.maintenanceWindow !== undefined && patch.maintenanceWindow !== null) {
    problems.push(...windowProblems(patch.maintenanceWindow).map((p) => `maintenanceWindow.${p}`));
  }
  if (patch.approvalSlaMs !== undefined) {
    for (const p of PRIORITIES) {
      const v = patch.approvalSlaMs?.[p];
      if (typeof v !== 'number' || !(v >= 1000) || v > 30 * 24 * 3_600_000) problems.push(`approvalSlaMs.${p}: must be from 1000 ms to 30 days`);
    }
  }
  if (patch.contactLevels !== undefined && (!Number.isInteger(patch.contactLevels) || patch.contactLevels < 1 || patch.contactLevels > 10)) {
    problems.push('contactLevels: must be an integer from 1 to 10');
  }
  if (patch.schedulesPaused !== undefined && typeof patch.schedulesPaused !== 'boolean') problems.push('schedulesPaused: must be true or false');
  return problems;
}

export function claimProblems(c: CooldownClaim): string[] {
  const problems: string[] = [];
  if (typeof c?.key !== 'string' || c.key.length === 0 || c.key.length > 300) problems.push('key: must be a non-empty string');
  if (typeof c?.until !== 'number' || !Number.isFinite(c.until)) problems.push('until: must be epoch milliseconds');
  return problems;
}

export class SiteState {
  private config: SiteConfig;
  private version: number;
  private readonly cooldowns: Map<string, number>;

  constructor(readonly siteId: string, snapshot: SiteSnapshot) {
    this.config = copy(snapshot.config);
    this.version = snapshot.configVersion;
    this.cooldowns = new Map(snapshot.cooldowns);
  }

  configure(patch: Partial<SiteConfig>): void {
    const problems = configProblems(patch);
    if (problems.length > 0) throw new RangeError(`site configuration refused: ${problems.join('; ')}`);
    this.config = { ...this.config, ...copy(patch) };
    this.version++;
  }

  /** Grants the claim unless the same (rule, host) is still cooling down. */
  claim(c: CooldownClaim, nowMs: number): CooldownClaimResult {
    const current = this.cooldowns.get(c.key);
    if (current !== undefined && current > nowMs) return { granted: false, until: current };
    this.cooldowns.set(c.key, c.until);
    return { granted: true, until: c.until };
  }

  prune(nowMs: number): void {
    for (const [key, until] of this.cooldowns) if (until <= nowMs) this.cooldowns.delete(key);
  }

  snapshot(): SiteSnapshot {
    return { siteId: this.siteId, config: copy(this.config), configVersion: this.version, cooldowns: [...this.cooldowns.entries()] };
  }
}
