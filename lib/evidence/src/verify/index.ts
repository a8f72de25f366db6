export * from './report.js';
export * from './source.js';
export { verifyKit, KitInputError } from './verify-kit.js';
export type { VerifyKitOptions } from './verify-kit.js';
