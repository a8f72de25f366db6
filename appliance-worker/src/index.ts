export { createApplianceWorker, type ApplianceWorkerOptions } from './appliance-worker.js';
export { loadApplianceConfig, type ApplianceConfig } from './config.js';
export { APPLIANCE_VERSION } from './version.js';
