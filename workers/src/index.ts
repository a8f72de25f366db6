export { createCentralWorker, WORKFLOWS_PATH, type CentralWorkerOptions } from './central-worker.js';
export { loadCentralWorkerConfig, type CentralWorkerConfig } from './config.js';
export { CENTRAL_VERSION } from './version.js';
