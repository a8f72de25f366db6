/**
 * The contract of the per-site entity workflow (`site:<siteId>`), shared by the workflow (which
 * defines the messages with these names) and the central activities that query or update it through
 * a Temporal client. A unit test in workflows/ keeps the names in step.
 */
import type { ApprovalPriority, MaintenanceWindow } from '@custos/core';

export const SITE_ENTITY = {
  workflowType: 'siteEntity',
  snapshotQuery: 'siteSnapshot',
  configureUpdate: 'configureSite',
  claimCooldownUpdate: 'claimCooldown',
} as const;

export const siteEntityWorkflowId = (siteId: string): string => `site:${siteId}`;

export interface SiteConfig {
  /** Cadence of the scan of domain controllers and servers. */
  serverScanEveryMinutes: number;
  /** Cadence of the workstation scan (many hosts, often asleep: less often by default). */
  workstationScanEveryMinutes: number;
  /** Cadence of AD discovery. */
  discoveryEveryMinutes: number;
  /** When disruptive or window-bound fixes may run; null means they wait (escalate) instead. */
  maintenanceWindow: MaintenanceWindow | null;
  /** Time to decide an approval, per priority, in milliseconds. */
  approvalSlaMs: Record<ApprovalPriority, number>;
  /** How many contact levels an approval request is re-routed through before it expires. */
  contactLevels: number;
  /** Schedules exist but do not fire (operator pause; the Schedule shows who paused and why). */
  schedulesPaused: boolean;
}

export interface SiteSnapshot {
  siteId: string;
  config: SiteConfig;
  /** Bumped on every accepted configureSite. */
  configVersion: number;
  /** Active L1 cooldowns: key (rule, host) → epoch ms until which the rule stays quiet for the host. */
  cooldowns: [string, number][];
}

export interface CooldownClaim {
  key: string;
  until: number;
}

export interface CooldownClaimResult {
  granted: boolean;
  /** The cooldown in force after the call (the existing one when refused). */
  until: number;
}

export const DEFAULT_SITE_CONFIG: SiteConfig = {
  serverScanEveryMinutes: 15,
  workstationScanEveryMinutes: 60,
  discoveryEveryMinutes: 60,
  maintenanceWindow: null,
  approvalSlaMs: { critical: 15 * 60_000, high: 60 * 60_000, medium: 4 * 60 * 60_000, low: 8 * 60 * 60_000 },
  contactLevels: 2,
  schedulesPaused: false,
};
