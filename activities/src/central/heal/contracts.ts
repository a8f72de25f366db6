// Everything central activities take and return, plus the entity-workflow contracts, as types only.
export type * from '../schedules/site-entity-contract.js';
export type * from '../flywheel/flywheel-contract.js';
export type * from '../inventory/scan-plan.js';
export type * from '../findings/scan-record.js';
export type * from './heal-context.js';
export type * from '../inventory/merge-inventory.js';
export type * from '../schedules/site-entity-client.js';
export type * from './heal-records.js';
export type * from './approval-records.js';
