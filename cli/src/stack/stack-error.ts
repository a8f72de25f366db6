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

/** Several services failed at once; each keeps its own one-line message. */
export class StackErrors extends Error {
  override readonly name = 'StackErrors';
  constructor(readonly errors: readonly unknown[]) {
    super(errors.map((e) => (e instanceof Error ? e.message : String(e))).join('\n'));
  }
}

/**
 * Prints a stack or config failure the way users should see it (one line per problem, then any
 * log tail) and returns the exit code; returns undefined for errors that are not ours to explain.
 */
export function reportStackFailure(err: unknown, prefix: string): number | undefined {
  const errors = err instanceof StackErrors ? err.errors : [err];
  if (!errors.every((e) => e instanceof StackError || (e instanceof Error && e.name === 'ConfigErrors'))) return undefined;
  for (const e of errors) {
    if (e instanceof StackError) {
      console.error(`${prefix}: ${e.message}`);
      if (e.logTail) console.error(e.logTail.replace(/^/gm, '  | '));
    } else {
      for (const line of (e as Error).message.split('\n')) console.error(`${prefix}: ${line}`);
    }
  }
  return errors.some((e) => e instanceof StackError) ? 1 : 2;
}
