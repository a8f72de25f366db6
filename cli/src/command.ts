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

/**
 * A command the CLI loads only when it runs: importing every command (Temporal, kysely, minio…)
 * for each invocation cost seconds of start-up.
 */
export interface LazyCommand {
  readonly name: string;
  load(): Promise<Command>;
}

export type CommandEntry = Command | LazyCommand;

export function loadCommand(entry: CommandEntry): Promise<Command> {
  return 'load' in entry ? entry.load() : Promise.resolve(entry);
}
