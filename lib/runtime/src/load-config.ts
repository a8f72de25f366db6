import { ConfigErrors } from '@custos/core/config';

/**
 * Loads a process's config from the environment, or prints every problem (one line each, naming
 * the variable) and exits 2 — a process never starts half-configured.
 */
export function loadConfigOrExit<T>(loader: (env: NodeJS.ProcessEnv) => T, processName: string): T {
  try {
    return loader(process.env);
  } catch (err) {
    if (err instanceof ConfigErrors) {
      for (const p of err.problems) console.error(`${processName}: ${p.message}`);
      process.exit(2);
    }
    throw err;
  }
}
