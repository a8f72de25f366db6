/**
 * Fetches the site's credentials into the appliance's memory now, just before a scan, so a rotation
 * takes effect at the next scan. Returns counts only: the secrets never enter a workflow payload.
 */
import { CredentialVault } from './directory/credential-vault.js';
import { invalidInput, toFailure } from './failures.js';
import type { SiteRuntime } from './site-deps.js';
import type { CredentialRefresh } from './types.js';

export function makeRefreshCredentials(rt: SiteRuntime) {
  return async function refreshCredentials(siteId: string): Promise<CredentialRefresh> {
    if (siteId !== rt.siteId) throw invalidInput(`appliance for site ${rt.siteId} was asked to refresh credentials of site ${siteId}`);
    try {
      const snap = await rt.vault.refresh();
      return { ...CredentialVault.summary(snap), fetchedAt: new Date().toISOString() };
    } catch (err) {
      throw toFailure(err);
    }
  };
}
