/** Starts a site's entity workflow for a test with the given settings (no Schedules unless asked). */
import type { Client } from '@temporalio/client';
import type { SiteConfig, SiteEntityInput } from '@custos/activities/types';
import type { SiteConfigUpdate } from '@custos/workflows/messages';
import { configureSite } from '@custos/workflows/messages';

export const ALWAYS_OPEN = { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', durationMinutes: 1440 };

export const TEST_SITE_CONFIG: SiteConfig = {
  serverScanEveryMinutes: 15,
  workstationScanEveryMinutes: 60,
  discoveryEveryMinutes: 60,
  maintenanceWindow: ALWAYS_OPEN,
  approvalSlaMs: { critical: 120_000, high: 120_000, medium: 120_000, low: 120_000 },
  contactLevels: 2,
  schedulesPaused: false,
};

export async function startSiteEntity(client: Client, taskQueue: string, siteId: string, config: Partial<SiteConfig> = {}, manageSchedules = false): Promise<void> {
  const input: SiteEntityInput = { snapshot: { siteId, config: { ...TEST_SITE_CONFIG, ...config }, configVersion: 1, cooldowns: [] }, manageSchedules };
  await client.workflow.start('siteEntity', { workflowId: `site:${siteId}`, taskQueue, args: [input] });
}

export function configure(client: Client, siteId: string, update: SiteConfigUpdate) {
  return client.workflow.getHandle(`site:${siteId}`).executeUpdate(configureSite, { args: [update] });
}
