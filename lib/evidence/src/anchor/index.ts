export * from './http.js';
export * from './tsa-client.js';
export * from './ots-client.js';
