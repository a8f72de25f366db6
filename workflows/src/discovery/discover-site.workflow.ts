import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { FailureType, isSiteId } from '@custos/core';
import type { InventoryMerge } from '@custos/activities/types';
import { centralLocalActivities, siteActivities } from '../proxies.js';
import { invalidInput } from '../heal/failures.js';

export interface DiscoverSiteInput {
  siteId: string;
}

export interface DiscoverySummary extends InventoryMerge {
  siteId: string;
  /** The domain controller that answered and how (ActiveDirectory module or LDAP). */
  dcHostId: string;
  source: 'Get-ADComputer' | 'LDAP';
  discovered: number;
}

/**
 * Hourly AD discovery: ask the site's domain controllers in turn (the first that answers wins) for
 * the domain's computer accounts and merge them into the inventory; new hosts are picked up by the
 * next scan, which plans from the inventory.
 */
export async function discoverSite(input: DiscoverSiteInput): Promise<DiscoverySummary> {
  if (!isSiteId(input?.siteId ?? '')) throw invalidInput(`discoverSite: siteId ${JSON.stringify(input?.siteId)} is not a site id`);
  const central = centralLocalActivities();
  const dcs = await central.domainControllers({ siteId: input.siteId });
  if (dcs.length === 0) throw ApplicationFailure.create({ type: FailureType.NotFound, nonRetryable: true, message: `site ${input.siteId} has no domain controller in its inventory to ask` });
  const site = siteActivities(input.siteId, { scheduleToClose: '15 minutes', startToClose: '5 minutes' });
  await site.refreshCredentials(input.siteId);
  const failures: string[] = [];
  for (const dc of dcs) {
    try {
      const found = await site.discoverAd({ siteId: input.siteId, dc });
      const merged = await central.mergeInventory({ siteId: input.siteId, computers: found.computers });
      return { siteId: input.siteId, dcHostId: dc.hostId, source: found.source, discovered: found.computers.length, ...merged };
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      failures.push(`${dc.hostname}: ${err.cause?.message ?? err.message}`);
    }
  }
  throw ApplicationFailure.create({ type: FailureType.HostUnreachable, nonRetryable: true, message: `no domain controller answered discovery: ${failures.join('; ')}` });
}
