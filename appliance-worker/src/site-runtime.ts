/**
 * What the appliance needs to run site activities, built once at start from config: the runbook
 * catalogue (scripts are identified by id and version, never shipped in payloads), the WinRM client,
 * the remediation journal on local disk, and the credential vault with its source — Central's
 * appliance protocol in production, a lab simulator's admin API in development.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiSiteDirectory, CredentialVault, LabSiteDirectory, RemediationJournal, type SiteDirectory, type SiteRuntime } from '@custos/activities/site';
import { ConfigError, ConfigErrors } from '@custos/core/config';
import { loadCatalogue } from '@custos/runbooks';
import { WinrmClient } from '@custos/winrm';
import type { ApplianceConfig } from './config.js';

export interface ApplianceRuntime {
  runtime: Omit<SiteRuntime, 'siteId'>;
  describe: string;
  close(): void;
}

function readPrivateKey(file: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    throw new ConfigErrors([new ConfigError('CUSTOS_APPLIANCE_KEY_PATH', `cannot be read: ${(err as Error).message}`)]);
  }
  if (raw.length === 32) return raw;
  const decoded = Buffer.from(raw.toString('utf8').trim(), 'base64');
  if (decoded.length !== 32) throw new ConfigErrors([new ConfigError('CUSTOS_APPLIANCE_KEY_PATH', 'must hold a 32-byte X25519 private key (raw or base64)')]);
  return decoded;
}

/** The credential source from config; exactly one must be configured (ConfigErrors otherwise). */
export function directoryFromConfig(config: ApplianceConfig): SiteDirectory {
  if (config.applianceLabAdminUrl) {
    if (config.env === 'production') throw new ConfigErrors([new ConfigError('CUSTOS_APPLIANCE_LAB_ADMIN_URL', 'is for development only and refused in production')]);
    return new LabSiteDirectory(config.applianceLabAdminUrl.toString());
  }
  const missing = (['applianceId', 'applianceToken', 'applianceKeyPath'] as const).filter((k) => !config[k]);
  if (missing.length > 0) {
    const names = { applianceId: 'CUSTOS_APPLIANCE_ID', applianceToken: 'CUSTOS_APPLIANCE_TOKEN', applianceKeyPath: 'CUSTOS_APPLIANCE_KEY_PATH' };
    throw new ConfigErrors(missing.map((k) => new ConfigError(names[k], 'is required to fetch host credentials from Central (or set CUSTOS_APPLIANCE_LAB_ADMIN_URL in development)')));
  }
  return new ApiSiteDirectory({ apiUrl: config.apiPublicUrl.toString(), applianceId: config.applianceId!, token: config.applianceToken!, privateKey: readPrivateKey(config.applianceKeyPath!) });
}

export function buildApplianceRuntime(config: ApplianceConfig): ApplianceRuntime {
  const directory = directoryFromConfig(config);
  const catalogue = loadCatalogue(config.runbooksDir ? { root: config.runbooksDir } : {});
  const winrm = new WinrmClient({ globalConcurrency: config.winrmConcurrency, perHostConcurrency: 2 });
  const journal = RemediationJournal.open(path.resolve(config.applianceStateDir, config.siteId));
  return {
    runtime: { catalogue, vault: new CredentialVault(directory), winrm, journal },
    describe: `${catalogue.runbooks.length} runbooks; credentials from ${directory.describe}; journal ${journal.file}`,
    close() {
      winrm.close();
      journal.close();
    },
  };
}
