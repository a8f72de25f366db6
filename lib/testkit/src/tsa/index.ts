export { startLocalTsa } from './local-tsa.js';
export type { LocalTsa, TsaFault } from './local-tsa.js';
export { createTsaCertificates, openssl } from './openssl-ca.js';
export type { TsaCertificates } from './openssl-ca.js';
