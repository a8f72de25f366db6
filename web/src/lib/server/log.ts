import { pino, type Logger } from 'pino';
import { webConfig } from './config.js';

let logger: Logger | undefined;

/** The dashboard server's log: pino, with the fields that could carry secrets redacted. */
export function log(): Logger {
  logger ??= pino({
    name: 'web',
    level: webConfig().logLevel,
    base: { process: 'web' },
    redact: { paths: ['password', '*.password', 'token', '*.token', 'code', '*.code', 'cookie', '*.cookie'], censor: '[redacted]' },
  });
  return logger;
}
