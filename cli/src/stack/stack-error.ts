/** A stack failure the user can act on: printed as one line (plus an optional log tail), exit code 1. */
export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    readonly service: string,
    message: string,
    /** The last lines of the service's log, when it failed to come up. */
    readonly logTail?: string,
  ) {
    super(`${service}: ${message}`);
  }
}
