import type { Catalogue } from '@custos/runbooks';
import type { WinrmClient } from '@custos/winrm';
import type { CredentialVault } from './directory/credential-vault.js';
import type { RemediationJournal } from './remediation/journal.js';

/** What the site activities share inside one appliance process. */
export interface SiteRuntime {
  siteId: string;
  catalogue: Catalogue;
  vault: CredentialVault;
  winrm: WinrmClient;
  journal: RemediationJournal;
  /** TCP probe timeout per host (default 1500 ms). */
  probeTimeoutMs?: number;
}
