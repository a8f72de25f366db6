// Node-only entry point (`@custos/evidence/node`): fast node:crypto signing and filesystem access.
// Kept apart so the main entry stays free of Node built-ins and bundles for the browser.
export { nodeSigner, nodeVerifier } from './ed25519-node.js';
export { directorySource, isDirectory, writeKitDirectory } from './kit-directory.js';
