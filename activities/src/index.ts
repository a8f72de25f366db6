export { createCentralActivities, type CentralActivityDeps, type CentralRuntime } from './central/index.js';
export {
  createSiteActivities,
  CredentialVault,
  LabSiteDirectory,
  ApiSiteDirectory,
  RemediationJournal,
  AD_COMPUTERS_SCRIPT,
  type SiteActivityDeps,
  type SiteRuntime,
  type SiteDirectory,
} from './site/index.js';
export type * from './types.js';
