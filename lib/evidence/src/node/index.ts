// Node-only entry point (`@custos/evidence/node`): fast node:crypto signing and filesystem access.
// Kept apart so the main entry stays free of Node built-ins and bundles for the browser. Importing it
// also switches the core's SHA-256 to OpenSSL (see hash.ts).
import './sha256-node.js';
export { nodeSha256 } from './sha256-node.js';
export { nodeSigner, nodeVerifier } from './ed25519-node.js';
export { directorySource, isDirectory, writeKitDirectory } from './kit-directory.js';
