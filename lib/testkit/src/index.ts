export { stackEndpoints } from './stack.js';
export { connectTemporal, uniqueName, type TemporalTestConnections } from './temporal.js';
export { createTestDatabase, type TestDatabase } from './db.js';
export { s3Client } from './s3.js';
export { runWorkers, type RunningWorkers } from './workers.js';
export * from './lab/index.js';
export { ensureDebianPackages, commandExists } from './apt.js';
export { testDataConverter } from './codec.js';
export { freePort } from './ports.js';
