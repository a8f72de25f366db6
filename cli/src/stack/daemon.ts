import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Background services the stack starts: detached from the starting process (so `npm test` can
 * leave them up for the next run), logging to a file, and remembered by pid so `down` stops only
 * what `up` started.
 */
export interface DaemonSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
}

interface PidRecord {
  pid: number;
  command: string;
  startedAt: string;
}

export function startDaemon(spec: DaemonSpec): number {
  mkdirSync(path.dirname(spec.logFile), { recursive: true });
  mkdirSync(path.dirname(spec.pidFile), { recursive: true });
  const out = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    child.unref();
    const record: PidRecord = { pid: child.pid, command: spec.command, startedAt: new Date().toISOString() };
    writeFileSync(spec.pidFile, JSON.stringify(record) + '\n');
    return child.pid;
  } finally {
    closeSync(out);
  }
}

function readRecord(pidFile: string): PidRecord | undefined {
  if (!existsSync(pidFile)) return undefined;
  try {
    return JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The recorded pid if that process still runs the recorded command (guards against pid reuse). */
export function runningPid(pidFile: string): number | undefined {
  const record = readRecord(pidFile);
  if (!record || !alive(record.pid)) return undefined;
  try {
    const exe = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    if (path.basename(exe) !== path.basename(record.command)) return undefined;
  } catch {
    return undefined;
  }
  return record.pid;
}

/** SIGTERM, wait, then SIGKILL; removes the pid file. Returns false when nothing of ours was running. */
export async function stopDaemon(pidFile: string, graceMs = 10_000): Promise<boolean> {
  const pid = runningPid(pidFile);
  if (pid === undefined) {
    rmSync(pidFile, { force: true });
    return false;
  }
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    signal('SIGKILL');
    while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(pidFile, { force: true });
  return true;
}

export function tailFile(file: string, lines = 15): string {
  if (!existsSync(file)) return '(no log written)';
  const text = readFileSync(file, 'utf8');
  return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
}
