export * from './task-queues.js';
export * from './failures.js';
export * from './temporal/search-attributes.js';
export * from './domain/approval.js';
export * from './domain/appliance-health.js';
export * from './rules/index.js';
export * from './posture/index.js';
export * from './packet/index.js';
