/**
 * The WinRM client the appliance uses: sessions per host (keep-alive, authenticated once per socket), one WinRS
 * shell per batch, global and per-host concurrency limits, deadlines, and the PowerShell script convention.
 */
import { createHash } from 'node:crypto';
import { ScriptError, WsmanFaultError } from './errors.js';
import type { TlsPinning } from './auth/tls.js';
import { Semaphore } from './limits.js';
import { BOOTSTRAP_ARGS, POWERSHELL } from './powershell/bootstrap.js';
import { decodeStderr } from './powershell/clixml.js';
import { readEmitted } from './powershell/result.js';
import { describeHeader, encodeStdin, type ScriptHeader } from './powershell/stdin-frame.js';
import { WsmanHttpSession, type TransportKind } from './transport/http-session.js';
import { WsmanConnection, type RetryPolicy, type WsmanLimits } from './wsman/connection.js';
import { WinrsShell, type CommandOutput } from './wsman/shell.js';

export interface WinrmTarget {
  host: string;
  /** Default 5985 for ntlm-http, 5986 for the HTTPS transports. */
  port?: number;
  transport: TransportKind;
  /** `user`, `DOMAIN\user` or `user@domain`. */
  username: string;
  password: string;
  tls?: TlsPinning;
  path?: string;
}

export interface WinrmClientOptions {
  globalConcurrency?: number;
  perHostConcurrency?: number;
  connectTimeoutMs?: number;
  operationTimeoutSec?: number;
  maxEnvelopeSize?: number;
  /** Deadline for one command or script from Command to Done. */
  commandTimeoutMs?: number;
  retry?: RetryPolicy;
  /** WINRS_CODEPAGE of new shells. */
  codepage?: number;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ScriptRequest {
  header: ScriptHeader;
  script: string;
  params?: unknown;
  timeoutMs?: number;
}

export interface ScriptRun extends CommandResult {
  /** The value the script passed to Emit. */
  result: unknown;
}

const DEFAULTS = {
  globalConcurrency: 64,
  perHostConcurrency: 2,
  connectTimeoutMs: 5000,
  operationTimeoutSec: 20,
  maxEnvelopeSize: 153600,
  commandTimeoutMs: 300_000,
  retry: { attempts: 3, baseDelayMs: 250, maxDelayMs: 4000 },
  codepage: 65001,
};

interface HostPool {
  slots: Semaphore;
  idle: WsmanConnection[];
  all: Set<WsmanConnection>;
}

const defaultPort = (t: WinrmTarget): number => t.port ?? (t.transport === 'ntlm-http' ? 5985 : 5986);

/** A shell bound to one host for a batch of commands. */
export class HostShell {
  constructor(
    private readonly shell: WinrsShell,
    private readonly commandTimeoutMs: number,
  ) {}

  async runCommand(command: string, args: readonly string[] = [], timeoutMs = this.commandTimeoutMs): Promise<CommandResult> {
    return decode(await this.shell.run(command, args, { deadline: Date.now() + timeoutMs }));
  }

  async runScript(req: ScriptRequest): Promise<ScriptRun> {
    const stdin = encodeStdin(req.header, req.script, req.params ?? {});
    const out = decode(await this.shell.run(POWERSHELL, BOOTSTRAP_ARGS, { stdin, deadline: Date.now() + (req.timeoutMs ?? this.commandTimeoutMs) }));
    const what = describeHeader(req.header);
    if (out.exitCode !== 0) {
      throw new ScriptError(this.shell.endpoint, `script ${what} exited ${out.exitCode}: ${firstLine(out.stderr)}`, out.exitCode, out.stderr, out.stdout);
    }
    const emitted = readEmitted(out.stdout);
    if (!emitted.ok) throw new ScriptError(this.shell.endpoint, `script ${what}: ${emitted.problem}`, 0, out.stderr, out.stdout);
    return { ...out, result: emitted.value };
  }
}

export class WinrmClient {
  private readonly opts: typeof DEFAULTS;
  private readonly global: Semaphore;
  private readonly pools = new Map<string, HostPool>();

  constructor(options: WinrmClientOptions = {}) {
    this.opts = { ...DEFAULTS, ...options };
    this.global = new Semaphore(this.opts.globalConcurrency);
  }

  /** Opens one shell on the host, runs `fn` with it, and always deletes the shell. */
  async withShell<T>(target: WinrmTarget, fn: (shell: HostShell) => Promise<T>): Promise<T> {
    const pool = this.poolFor(target);
    return pool.slots.run(() =>
      this.global.run(async () => {
        const conn = pool.idle.pop() ?? this.connect(target, pool);
        let broken = false;
        try {
          const shell = await WinrsShell.open(conn, { codepage: this.opts.codepage });
          try {
            return await fn(new HostShell(shell, this.opts.commandTimeoutMs));
          } finally {
            await shell.close().catch((err: unknown) => (broken ||= breaksConnection(err)));
          }
        } catch (err) {
          broken = breaksConnection(err);
          throw err;
        } finally {
          // A connection that failed at the transport level is dropped: its socket or sealing state may be broken.
          if (broken) {
            conn.session.close();
            pool.all.delete(conn);
          } else pool.idle.push(conn);
        }
      }),
    );
  }

  runCommand(target: WinrmTarget, command: string, args: readonly string[] = []): Promise<CommandResult> {
    return this.withShell(target, (s) => s.runCommand(command, args));
  }

  runScript(target: WinrmTarget, req: ScriptRequest): Promise<ScriptRun> {
    return this.withShell(target, (s) => s.runScript(req));
  }

  /** Closes every connection. In-flight work fails. */
  close(): void {
    for (const pool of this.pools.values()) for (const c of pool.all) c.session.close();
    this.pools.clear();
  }

  private poolFor(target: WinrmTarget): HostPool {
    // Credentials and TLS trust are part of the key: a connection verified or authenticated under other settings
    // (an old pin, a rotated password) must never be reused for this target.
    const trust = createHash('sha256').update(JSON.stringify([target.password, target.tls?.sha256Fingerprint, target.tls?.ca?.toString(), target.tls?.servername, target.path])).digest('base64');
    const key = `${target.transport}://${target.username}@${target.host}:${defaultPort(target)}#${trust}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { slots: new Semaphore(this.opts.perHostConcurrency), idle: [], all: new Set() };
      this.pools.set(key, pool);
    }
    return pool;
  }

  private connect(target: WinrmTarget, pool: HostPool): WsmanConnection {
    const session = new WsmanHttpSession({
      host: target.host,
      port: defaultPort(target),
      transport: target.transport,
      username: target.username,
      password: target.password,
      tls: target.tls,
      path: target.path,
      connectTimeoutMs: this.opts.connectTimeoutMs,
    });
    const limits: WsmanLimits = { maxEnvelopeSize: this.opts.maxEnvelopeSize, operationTimeoutSec: this.opts.operationTimeoutSec, responseSlackMs: 10_000 };
    const conn = new WsmanConnection(session, limits, this.opts.retry);
    pool.all.add(conn);
    return conn;
  }
}

function decode(out: CommandOutput): CommandResult {
  return { stdout: out.stdout.toString('utf8'), stderr: decodeStderr(out.stderr.toString('utf8')), exitCode: out.exitCode };
}

const firstLine = (text: string): string => text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '(no stderr)';

/** Script failures and SOAP faults leave the connection usable; anything else may have broken it. */
const breaksConnection = (err: unknown): boolean => !(err instanceof ScriptError || err instanceof WsmanFaultError);
