import type { Logger } from 'pino';

/**
 * Runs `stop` once on SIGINT/SIGTERM. A second signal while stopping exits at once, so an operator
 * is never stuck behind a hung shutdown.
 */
export function onShutdownSignal(logger: Logger, stop: (signal: NodeJS.Signals) => Promise<void> | void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    Promise.resolve(stop(signal)).catch((err: unknown) => {
      logger.error({ err }, 'shutdown failed');
      process.exitCode = 1;
    });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
