/**
 * Talking to a site's entity workflow from central activities: read its snapshot (config and
 * cooldowns) and claim an L1 cooldown atomically through an Update. A claim starts the entity when
 * the site has none yet (without Schedules: only an operator turns scheduling on).
 */
import { activityInfo } from '@temporalio/activity';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { DEFAULT_SITE_CONFIG, SITE_ENTITY, siteEntityWorkflowId, type CooldownClaim, type CooldownClaimResult, type SiteSnapshot } from './site-entity-contract.js';

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
