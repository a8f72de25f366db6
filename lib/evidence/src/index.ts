// @custos/evidence: the pure evidence core. No Node built-ins anywhere under this entry point, so the
// same code verifies kits in the CLI and in a browser. Server-only helpers: `@custos/evidence/node`.
export * from './bytes.js';
export * from './hash.js';
export * from './jcs.js';
export * from './ed25519.js';
export * from './webcrypto-verifier.js';
export * from './dsse.js';
export * from './note.js';
export * from './checkpoint.js';
export * from './merkle/hash.js';
export * from './merkle/frontier.js';
export * from './merkle/proofs.js';
export * from './merkle/verify.js';
export * from './bundle/schema.js';
export * from './bundle/predicate.js';
export * from './bundle/build.js';
export * from './bundle/site-log.js';
export * from './trust/document.js';
export * from './trust/chain.js';
export * from './ots/index.js';
export * from './rfc3161/index.js';
export * from './anchor/index.js';
export * from './kit/layout.js';
export * from './kit/manifest.js';
export * from './kit/builder.js';
export * from './verify/index.js';
