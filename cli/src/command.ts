/** One `custos <name>` subcommand. Each lives in commands/<name>.ts and is listed in commands/index.ts. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage text printed for `custos <name> --help` and on bad arguments. */
  readonly usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Bad command-line input: printed as one line with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
