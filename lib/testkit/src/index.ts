export { stackEndpoints } from './stack.js';
export { connectTemporal, uniqueName, type TemporalTestConnections } from './temporal.js';
export { createTestDatabase, type TestDatabase } from './db.js';
export { s3Client } from './s3.js';
export { runWorkers, type RunningWorkers } from './workers.js';
export { startLabSite, labTarget, type LabSiteHandle, type StartLabSiteOptions } from './lab/index.js';
