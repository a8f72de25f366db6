import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reported with every activity result and heartbeat, so central knows what runs on site. */
export const APPLIANCE_VERSION: string = (require('../package.json') as { version: string }).version;
