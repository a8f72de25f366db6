import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reported in activity results and evidence, so an auditor can tell which code acted. */
export const CENTRAL_VERSION: string = (require('../package.json') as { version: string }).version;
