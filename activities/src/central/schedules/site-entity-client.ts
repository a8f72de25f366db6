/**
 * Talking to a site's entity workflow from central activities, the API and the central worker:
 * start it, read its snapshot (config and cooldowns), claim an L1 cooldown atomically through an
 * Update, and turn the site's Schedules on. A claim starts the entity when the site has none yet
 * (without Schedules: they are turned on when the site's first appliance enrols).
 */
import { activityInfo } from '@temporalio/activity';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { DEFAULT_SITE_CONFIG, SITE_ENTITY, siteEntityWorkflowId, type CooldownClaim, type CooldownClaimResult, type SiteConfig, type SiteSnapshot } from './site-entity-contract.js';

export interface SiteEntityInput {
  snapshot: SiteSnapshot;
  /** Whether this entity creates and updates the site's Schedules. */
  manageSchedules: boolean;
  /** For tests: continue as new after this many history events (default: when the server suggests it). */
  continueAsNewAfterEvents?: number;
}

export function defaultSnapshot(siteId: string): SiteSnapshot {
  return { siteId, config: structuredClone(DEFAULT_SITE_CONFIG), configVersion: 0, cooldowns: [] };
}

export async function readSiteSnapshot(client: Client, siteId: string): Promise<SiteSnapshot> {
  try {
    return await client.workflow.getHandle(siteEntityWorkflowId(siteId)).query<SiteSnapshot>(SITE_ENTITY.snapshotQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return defaultSnapshot(siteId);
    throw err;
  }
}

export function claimCooldown(client: Client, siteId: string, claim: CooldownClaim): Promise<CooldownClaimResult> {
  const input: SiteEntityInput = { snapshot: defaultSnapshot(siteId), manageSchedules: false };
  return client.workflow.executeUpdateWithStart<Workflow, CooldownClaimResult, [CooldownClaim]>(SITE_ENTITY.claimCooldownUpdate, {
    args: [claim],
    startWorkflowOperation: new WithStartWorkflowOperation<Workflow>(SITE_ENTITY.workflowType, {
      workflowId: siteEntityWorkflowId(siteId),
      // The entity runs beside the activity's own workflows (central in production).
      taskQueue: activityInfo().taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}

/**
 * Starts the site's entity with the default settings unless one is running (USE_EXISTING: a running
 * entity keeps its settings, cooldowns and Schedules untouched). Needs no worker: the start is
 * durable once Temporal answers. `manageSchedules` only matters when this call starts the entity.
 */
export async function ensureSiteEntity(client: Client, siteId: string, opts: { taskQueue: string; manageSchedules: boolean }): Promise<void> {
  const input: SiteEntityInput = { snapshot: defaultSnapshot(siteId), manageSchedules: opts.manageSchedules };
  await client.workflow.start(SITE_ENTITY.workflowType, {
    workflowId: siteEntityWorkflowId(siteId),
    taskQueue: opts.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** What configureSite takes (the workflow's SiteConfigUpdate, restated here: activities do not import workflow code). */
interface ConfigureSite {
  config: Partial<SiteConfig>;
  manageSchedules?: boolean;
}

/**
 * Turns the site's Schedules on through the entity's configureSite Update with `manageSchedules:
 * true`, starting the entity (managing them from the start) when none runs. The Update completes
 * once the entity has taken the change (it writes the Schedules right after), so it needs the
 * central worker to be polling; bound the wait with the client's `withDeadline` where a caller
 * must not hang on it.
 */
export function enableSiteSchedules(client: Client, siteId: string, opts: { taskQueue: string }): Promise<SiteSnapshot> {
  const input: SiteEntityInput = { snapshot: defaultSnapshot(siteId), manageSchedules: true };
  return client.workflow.executeUpdateWithStart<Workflow, SiteSnapshot, [ConfigureSite]>(SITE_ENTITY.configureUpdate, {
    args: [{ config: {}, manageSchedules: true }],
    startWorkflowOperation: new WithStartWorkflowOperation<Workflow>(SITE_ENTITY.workflowType, {
      workflowId: siteEntityWorkflowId(siteId),
      taskQueue: opts.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}
