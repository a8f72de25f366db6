export * from './request.js';
export * from './verify.js';
