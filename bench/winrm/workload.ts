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

/** Commands each client process runs on its first host before timing starts (same for both clients). */
export const WARMUP_COMMANDS = 60;

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
