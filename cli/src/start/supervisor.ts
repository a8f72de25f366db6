import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Keeps the platform's processes running in the foreground: output prefixed with the process name,
 * an unexpected exit of any of them stops all (a half-running platform is worse than a stopped one),
 * and `stopAll` stops them in reverse start order, waiting for each to finish its in-flight work.
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null) => void) {}

  start(spec: ProcessSpec): void {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const width = 16;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${spec.name.padEnd(width)}| ${line}\n`));
    }
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    void exited.then((code) => {
      if (!this.stopping) this.onUnexpectedExit(spec.name, code);
    });
    this.running.push({ spec, child, exited });
  }

  /**
   * From now on exits are expected. Called as soon as a stop is requested: on Ctrl-C the terminal
   * signals every child too, and their clean exits must not read as crashes.
   */
  expectExits(): void {
    this.stopping = true;
  }

  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const r of [...this.running].reverse()) {
      if (r.child.exitCode !== null || r.child.signalCode !== null) continue;
      r.child.kill('SIGTERM');
      const timer = setTimeout(() => r.child.kill('SIGKILL'), graceMs);
      await r.exited;
      clearTimeout(timer);
    }
  }
}
