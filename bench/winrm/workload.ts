/** The command sequence both clients run, and what each command must print (checked, so speed is not bought with wrong answers). */
export interface BenchHost {
  name: string;
  host: string;
  port: number;
  username: string;
  password: string;
}

export interface BenchJob {
  hosts: BenchHost[];
  commandsPerHost: number;
}

export interface BenchRun {
  client: string;
  hosts: number;
  commands: number;
  seconds: number;
  commandsPerSecond: number;
  /** Peak resident set size of the client process, KiB. */
  maxRssKb: number;
  /** CPU time (user + system) of the client process per command, ms: the client's own cost, whatever else runs. */
  cpuMsPerCommand: number;
  errors: number;
}

/**
 * Commands each client process runs on its first host before timing starts (same for both clients).
 * The appliance's client runs for months, so what is measured is its steady state: V8 needs about a
 * thousand commands to optimise the request path (at 60 the timed window still ran unoptimised code
 * at twice the CPU per command). CPython has no JIT; the warm-up changes nothing for it.
 */
export const WARMUP_COMMANDS = 1000;

/** cmd.exe commands run in order, cycling, one WinRS shell per host. */
export const COMMANDS: readonly { command: string; args: string[] }[] = [
  { command: 'hostname', args: [] },
  { command: 'echo', args: ['custos-bench ✓'] },
  { command: 'whoami', args: [] },
];

export function expectedStdout(i: number, host: BenchHost): string {
  const c = COMMANDS[i % COMMANDS.length] as (typeof COMMANDS)[number];
  if (c.command === 'hostname') return `${host.name}\r\n`;
  if (c.command === 'whoami') return `${host.username.toLowerCase()}\r\n`;
  return `${c.args.join(' ')}\r\n`;
}
