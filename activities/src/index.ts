export { createCentralActivities, type CentralActivityDeps } from './central/index.js';
export { createSiteActivities, type SiteActivityDeps } from './site/index.js';
export type * from './types.js';
