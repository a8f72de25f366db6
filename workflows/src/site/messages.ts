import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CooldownClaim, CooldownClaimResult, SiteConfig, SiteSnapshot } from '@custos/activities/types';

export interface SiteConfigUpdate {
  config: Partial<SiteConfig>;
  /** Turn the site's Schedules on (create/update them) or off (delete them). Unchanged when absent. */
  manageSchedules?: boolean;
}

/** The site's configuration and active cooldowns. Names must match activities' SITE_ENTITY. */
export const siteSnapshot = defineQuery<SiteSnapshot>('siteSnapshot');

/** Changes settings; the validator refuses (no history event) with every bad field named. */
export const configureSite = defineUpdate<SiteSnapshot, [SiteConfigUpdate]>('configureSite');

/** Claims an L1 cooldown for (rule, host); refused claims return granted: false. */
export const claimCooldown = defineUpdate<CooldownClaimResult, [CooldownClaim]>('claimCooldown');
