export { createApplianceWorker, type ApplianceWorkerOptions } from './appliance-worker.js';
export { loadApplianceConfig, type ApplianceConfig } from './config.js';
export { APPLIANCE_VERSION } from './version.js';
export { APPLIANCE_NODE_FLAGS } from './node-flags.js';
