/**
 * A simulated process inside a WinRS shell: buffered stdout/stderr, stdin, an exit code, and a change signal that
 * a waiting Receive listens to.
 */
export class LabProcess {
  private out: Buffer[] = [];
  private err: Buffer[] = [];
  private stdinParts: Buffer[] = [];
  private listeners = new Set<() => void>();
  private stdinWaiters: ((data: Buffer) => void)[] = [];
  exitCode: number | undefined;
  stdinClosed = false;
  killed = false;

  write(stream: 'stdout' | 'stderr', data: Buffer): void {
    if (this.exitCode !== undefined || data.length === 0) return;
    (stream === 'stdout' ? this.out : this.err).push(data);
    this.notify();
  }

  exit(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    this.notify();
  }

  kill(): void {
    this.killed = true;
    this.exit(this.exitCode ?? 0xc000013a); // STATUS_CONTROL_C_EXIT, what a terminated console process reports
  }

  /** Takes up to `max` bytes of pending output per stream, in order. */
  take(max: number): { stdout: Buffer; stderr: Buffer } {
    const pull = (parts: Buffer[], budget: number): Buffer => {
      const all = Buffer.concat(parts);
      parts.length = 0;
      if (all.length > budget) parts.push(all.subarray(budget));
      return all.subarray(0, budget);
    };
    const stdout = pull(this.out, max);
    const stderr = pull(this.err, Math.max(0, max - stdout.length));
    return { stdout, stderr };
  }

  get hasOutput(): boolean {
    return this.out.length > 0 || this.err.length > 0;
  }

  /** Done from the client's point of view: exited and all output taken. */
  get finished(): boolean {
    return this.exitCode !== undefined && !this.hasOutput;
  }

  feedStdin(data: Buffer, end: boolean): void {
    if (this.stdinClosed) return;
    this.stdinParts.push(data);
    if (end) {
      this.stdinClosed = true;
      const all = Buffer.concat(this.stdinParts);
      for (const w of this.stdinWaiters.splice(0)) w(all);
    }
  }

  /** Resolves with all of stdin once the client closes it (Send with End="true"). */
  readAllStdin(): Promise<Buffer> {
    if (this.stdinClosed) return Promise.resolve(Buffer.concat(this.stdinParts));
    return new Promise((resolve) => this.stdinWaiters.push(resolve));
  }

  /** Resolves on the next change (output or exit) or after `ms`; returns whether something changed. */
  waitForChange(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const onChange = (): void => {
        clearTimeout(timer);
        this.listeners.delete(onChange);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(onChange);
        resolve(false);
      }, ms);
      this.listeners.add(onChange);
    });
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
