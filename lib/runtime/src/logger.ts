import { pino, type Logger } from 'pino';

/**
 * pino with redaction of the fields that may carry secrets. Host data and credentials never
 * reach logs by design; redaction is the second line of defence.
 */
export function createLogger(processName: string, level: string): Logger {
  return pino({
    name: processName,
    level,
    base: { process: processName },
    redact: {
      paths: ['password', '*.password', 'secret', '*.secret', 'token', '*.token', 'authorization', '*.authorization', 'headers.cookie', '*.credential', 'credential'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
