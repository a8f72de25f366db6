import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import { makeReportAppliance } from './report-appliance.js';
import { makeCheckHosts } from './checks/check-hosts.js';
import { makeDiscoverAd } from './discovery/discover-ad.js';
import { makeRefreshCredentials } from './refresh-credentials.js';
import { makeRemediate } from './remediation/remediate.js';
import { makeRollback } from './remediation/rollback.js';
import { makeVerify } from './remediation/verify.js';
import type { SiteRuntime } from './site-deps.js';

export interface SiteActivityDeps {
  siteId: string;
  applianceVersion: string;
  /** WinRM, catalogue, credentials and journal; without it only `reportAppliance` works (proof-of-life workers). */
  runtime?: Omit<SiteRuntime, 'siteId'>;
}

function unconfigured(name: string): () => Promise<never> {
  return async () => {
    throw ApplicationFailure.create({ type: FailureType.InvalidInput, nonRetryable: true, message: `this appliance worker was started without a WinRM runtime; it cannot run ${name}` });
  };
}

/** Activities the appliance worker registers on `site.<siteId>`. */
export function createSiteActivities(deps: SiteActivityDeps) {
  const rt: SiteRuntime | undefined = deps.runtime ? { ...deps.runtime, siteId: deps.siteId } : undefined;
  return {
    reportAppliance: makeReportAppliance(deps),
    refreshCredentials: rt ? makeRefreshCredentials(rt) : (unconfigured('refreshCredentials') as ReturnType<typeof makeRefreshCredentials>),
    checkHosts: rt ? makeCheckHosts(rt) : (unconfigured('checkHosts') as ReturnType<typeof makeCheckHosts>),
    remediate: rt ? makeRemediate(rt) : (unconfigured('remediate') as ReturnType<typeof makeRemediate>),
    verify: rt ? makeVerify(rt) : (unconfigured('verify') as ReturnType<typeof makeVerify>),
    rollback: rt ? makeRollback(rt) : (unconfigured('rollback') as ReturnType<typeof makeRollback>),
    discoverAd: rt ? makeDiscoverAd(rt) : (unconfigured('discoverAd') as ReturnType<typeof makeDiscoverAd>),
  };
}

export type { ApplianceReport } from './report-appliance.js';
export type { SiteRuntime } from './site-deps.js';
export type * from './types.js';
export { CredentialVault, NoCredentialError, type VaultOptions } from './directory/credential-vault.js';
export { LabSiteDirectory } from './directory/lab-directory.js';
export { ApiSiteDirectory, deliveryAad, type ApiDirectoryOptions } from './directory/api-directory.js';
export { DirectoryUnavailable, type SiteDirectory, type DirectorySnapshot, type HostEndpoint, type HostSecret } from './directory/site-directory.js';
export { RemediationJournal, JournalError } from './remediation/journal.js';
export { AD_COMPUTERS_SCRIPT } from './discovery/ad-computers-script.js';
