import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Routes the SDK's and Rust core's logs into the process's pino logger. Call once, before connecting. */
export function installTemporalRuntime(logger: Logger): void {
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      const { level, message, meta } = entry;
      logger[LEVELS[level]]({ temporal: meta }, message);
    }),
  });
}
