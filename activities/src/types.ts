// Type-only contracts workflows import (`import type`), so no activity code reaches the sandbox.
import type { createCentralActivities } from './central/index.js';
import type { createSiteActivities } from './site/index.js';

export type CentralActivities = ReturnType<typeof createCentralActivities>;
export type SiteActivities = ReturnType<typeof createSiteActivities>;
export type { ApplianceReport } from './site/index.js';
export type { CentralReport } from './central/index.js';
export type * from './site/types.js';
export type * from './central/heal/contracts.js';
export type * from './central/planner/contract.js';
export type * from './central/notify/contract.js';
