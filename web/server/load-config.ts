import { ConfigErrors } from '@custos/core/config';
import { loadWebConfig, type WebConfig } from '../src/lib/server/config.js';

/** The dashboard's config, or every problem printed (one line each, naming the variable) and exit 2. */
export function loadConfigOrExit(): WebConfig {
  try {
    return loadWebConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigErrors) {
      for (const p of err.problems) console.error(`web: ${p.message}`);
      process.exit(2);
    }
    throw err;
  }
}
