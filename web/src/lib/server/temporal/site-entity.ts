import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { MaintenanceWindow } from '@custos/core';
import { temporal } from './client.js';

// The per-site entity workflow (`site:<siteId>`) holds the site's settings; its contract names are
// activities/src/central/schedules/site-entity-contract.ts (SITE_ENTITY).
const entityId = (siteId: string) => `site:${siteId}`;

export interface SiteSettings {
  maintenanceWindow: MaintenanceWindow | null;
  approvalSlaMs: Record<string, number>;
  schedulesPaused: boolean;
  configVersion: number;
}

/** The site's settings, or null when its entity workflow is not running (Temporal was unreachable when the site was created). */
export async function siteSettings(siteId: string): Promise<SiteSettings | null> {
  const { client } = await temporal();
  try {
    const s = await client.workflow.getHandle(entityId(siteId)).query<{ config: Omit<SiteSettings, 'configVersion'>; configVersion: number }>('siteSnapshot');
    return { maintenanceWindow: s.config.maintenanceWindow, approvalSlaMs: s.config.approvalSlaMs, schedulesPaused: s.config.schedulesPaused, configVersion: s.configVersion };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

export class SettingRefused extends Error {
  override readonly name = 'SettingRefused';
}

/**
 * Sets (or clears) the site's maintenance window through the entity's `configureSite` Update, sent
 * under the user's own Temporal identity so the history records who changed it. The workflow's
 * validator refuses bad values without a history event; that refusal comes back as SettingRefused.
 */
export async function setMaintenanceWindow(siteId: string, window: MaintenanceWindow | null, identity: string): Promise<void> {
  const { client } = await temporal();
  const asUser = new Client({ connection: client.connection, namespace: client.options.namespace, identity, dataConverter: client.options.dataConverter });
  try {
    await asUser.workflow.getHandle(entityId(siteId)).executeUpdate('configureSite', { args: [{ config: { maintenanceWindow: window } }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new SettingRefused(err.cause instanceof Error ? err.cause.message : err.message);
    if (err instanceof WorkflowNotFoundError) throw new SettingRefused('the site has no running entity workflow (the API starts it when the site is created; restarting the central worker starts any that are missing)');
    throw err;
  }
}
