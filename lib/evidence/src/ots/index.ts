export * from './types.js';
export * from './ops.js';
export * from './codec.js';
export * from './walk.js';
export * from './bitcoin.js';
export * from './verify-proof.js';
