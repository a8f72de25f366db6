export { stackUp, stackDown, stackStatus, recordedEndpoints, stackContext, type StackEndpoints, type StackOptions } from './stack.js';
export { StackError, StackErrors, reportStackFailure } from './stack-error.js';
export { repoRoot, stackPaths } from './paths.js';
export { minioClientFor } from './s3-service.js';
export type { ServiceStatus } from './service.js';
