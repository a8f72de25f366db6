/**
 * The benchmark's own processes: a lab site (`custos lab serve`) and the appliance worker
 * (`appliance-worker/src/main.ts`), each its own process as in production, each in its own session
 * so Linux autogroup scheduling gives it its own CPU share on a shared machine. Their RSS is read
 * from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { vars } from '@custos/core/config';
import { APPLIANCE_NODE_FLAGS } from '@custos/appliance-worker';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export interface OwnedProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

function owned(child: ChildProcess): OwnedProcess {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LabHostLine {
  name: string;
  kind: 'dc' | 'server' | 'workstation';
  admin: string;
}

export async function startLab(opts: { hosts: number; kinds?: string; stateDir: string; seed: number }): Promise<OwnedProcess & { hosts: LabHostLine[]; adminUrl: string }> {
  const args = ['--import', 'tsx', path.join(REPO, 'cli/src/main.ts'), 'lab', 'serve', '--hosts', String(opts.hosts), '--seed', String(opts.seed), '--state-dir', opts.stateDir];
  if (opts.kinds) args.push('--kinds', opts.kinds);
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const hosts: LabHostLine[] = [];
  const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  await new Promise<void>((resolve, reject) => {
    rl.on('line', (line) => {
      hosts.push(JSON.parse(line) as LabHostLine);
      if (hosts.length === opts.hosts) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lab exited (${code}) before all ${opts.hosts} hosts were up`)));
  });
  const adminUrl = (hosts[0]?.admin ?? '').replace(/\/hosts\/[^/]+$/, '');
  return { ...owned(child), hosts, adminUrl };
}

export function startAppliance(opts: { siteId: string; temporalAddress: string; namespace: string; adminUrl: string; stateDir: string }): OwnedProcess {
  // The Node flags the appliance runs with; BENCH_APPLIANCE_NODE_FLAGS overrides them to compare ('' for V8's defaults).
  const flags = process.env.BENCH_APPLIANCE_NODE_FLAGS === undefined ? [...APPLIANCE_NODE_FLAGS] : process.env.BENCH_APPLIANCE_NODE_FLAGS.split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(REPO, 'appliance-worker/src/main.ts')], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CUSTOS_ENV: 'development',
      LOG_LEVEL: 'warn',
      CUSTOS_SITE_ID: opts.siteId,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_NAMESPACE: opts.namespace,
      CUSTOS_PAYLOAD_KEYS: vars.payloadKeys.devDefault,
      CUSTOS_APPLIANCE_LAB_ADMIN_URL: opts.adminUrl,
      CUSTOS_APPLIANCE_STATE_DIR: opts.stateDir,
      // Extra settings to compare (e.g. {"MALLOC_ARENA_MAX":"2"}), as a JSON object.
      ...(JSON.parse(process.env.BENCH_APPLIANCE_ENV ?? '{}') as Record<string, string>),
    },
  });
  return owned(child);
}

/** Resident set size of a process in bytes (VmRSS), or undefined when it has gone. */
export function rssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak. */
export function rssSampler(pid: number | undefined, everyMs = 200): { peak(): number; stop(): number } {
  let peak = rssBytes(pid) ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid) ?? 0)), everyMs);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
