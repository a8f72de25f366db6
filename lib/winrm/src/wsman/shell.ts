/**
 * A WinRS cmd shell on one host: Create once, run commands (Command, Send stdin, Receive until Done, Signal
 * terminate), Delete at the end. Receive's w:TimedOut means "no output yet" and is polled again silently.
 */
import { randomUUID } from 'node:crypto';
import { WinrmTimeoutError, WsmanFaultError } from '../errors.js';
import type { ParsedEnvelope } from './envelope.js';
import type { WsmanConnection } from './connection.js';
import { isTimedOut } from './faults.js';
import { Action, SignalCode, WsmanFaultCode } from './namespaces.js';

const SEND_BUSY_ATTEMPTS = 4;
const SEND_BUSY_PAUSE_MS = 500;
import { commandBody, createShellBody, readCommandId, readReceive, readShellId, receiveBody, sendBody, signalBody, type ShellOptions } from './winrs.js';

export interface CommandOutput {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export interface RunOptions {
  /** Bytes written to the command's stdin (then closed). With stdin, WINRS_CONSOLEMODE_STDIN is FALSE. */
  stdin?: Buffer;
  /** Absolute deadline (ms since epoch) for the whole command; the command is terminated when it passes. */
  deadline?: number;
}

type Settled<T> = { value: T } | { error: unknown };

const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

export class WinrsShell {
  private deleted = false;
  /** Whether the service takes client-chosen command ids (then the first Receive is pipelined). */
  private pipelineReceive = true;
  /** Signals sent after a command finished; not awaited by run() (saves a round trip), awaited before Delete. */
  private readonly pendingSignals = new Set<Promise<unknown>>();

  private constructor(
    private readonly conn: WsmanConnection,
    readonly shellId: string,
  ) {}

  static async open(conn: WsmanConnection, opts: ShellOptions & { codepage?: number } = {}): Promise<WinrsShell> {
    const env = await conn.invoke({
      action: Action.Create,
      body: createShellBody(opts),
      options: { WINRS_NOPROFILE: 'TRUE', WINRS_CODEPAGE: String(opts.codepage ?? 65001) },
      idempotent: true,
    });
    return new WinrsShell(conn, readShellId(env));
  }

  get endpoint(): string {
    return this.conn.endpoint;
  }

  async run(command: string, args: readonly string[] = [], opts: RunOptions = {}): Promise<CommandOutput> {
    const selectors = { ShellId: this.shellId };
    // Without stdin the first Receive needs nothing but the command id: with an id of our choosing it is pipelined
    // right behind the Command (one round trip per command instead of two).
    const ownId = this.pipelineReceive && !opts.stdin ? randomUUID().toUpperCase() : undefined;
    const response = this.conn.invoke({
      action: Action.Command,
      selectors,
      options: { WINRS_CONSOLEMODE_STDIN: opts.stdin ? 'FALSE' : 'TRUE', WINRS_SKIP_CMD_SHELL: 'FALSE' },
      body: commandBody(command, args, ownId),
      idempotent: false,
    });
    const early = ownId === undefined ? undefined : settle(this.receiveOnce(ownId));
    let commandId: string;
    try {
      commandId = readCommandId(await response);
    } finally {
      // Whatever the Command's fate, the pipelined Receive's answer is read (a failure of it is not unhandled).
      await early;
    }
    let first: Promise<Settled<ParsedEnvelope>> | undefined;
    if (ownId !== undefined) {
      // A service that does not take client ids answered the early Receive with a fault: stop pipelining.
      if (commandId.toUpperCase() === ownId) first = early;
      else this.pipelineReceive = false;
    }
    let finished = false;
    try {
      if (opts.stdin) await this.send(commandId, opts.stdin);
      const out = await this.receiveAll(commandId, opts.deadline, first);
      finished = true;
      return out;
    } finally {
      // Windows keeps a finished command until it is signalled (pywinrm's cleanup_command does the same). After a
      // normal finish the terminate is pipelined: the next request queues behind it on the same connection.
      const signal = this.conn
        .invoke({ action: Action.Signal, selectors, body: signalBody(commandId, SignalCode.Terminate), idempotent: true })
        .catch(() => undefined);
      if (finished) {
        this.pendingSignals.add(signal);
        void signal.finally(() => this.pendingSignals.delete(signal));
      } else await signal;
    }
  }

  /** Deletes the shell; shells left behind count against MaxShellsPerUser until IdleTimeout (2 h). */
  async close(): Promise<void> {
    if (this.deleted) return;
    this.deleted = true;
    await Promise.all(this.pendingSignals);
    await this.conn.invoke({ action: Action.Delete, selectors: { ShellId: this.shellId }, idempotent: true });
  }

  private async send(commandId: string, data: Buffer): Promise<void> {
    // Leave room for the envelope around the base64 text.
    const chunk = Math.max(1024, Math.floor(((this.conn.limits.maxEnvelopeSize - 2048) * 3) / 4));
    for (let off = 0; off < data.length || off === 0; off += chunk) {
      const part = data.subarray(off, off + chunk);
      const end = off + chunk >= data.length;
      await this.sendChunk(commandId, part, end);
      if (end) break;
    }
  }

  /** WSManFault 170 (ERROR_BUSY) means the chunk was not taken: retry it after a pause, as Ansible does. */
  private async sendChunk(commandId: string, part: Buffer, end: boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.conn.invoke({ action: Action.Send, selectors: { ShellId: this.shellId }, body: sendBody(commandId, part, end), idempotent: false });
        return;
      } catch (err) {
        if (!(err instanceof WsmanFaultError) || err.wsmanFaultCode !== WsmanFaultCode.Busy || attempt >= SEND_BUSY_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, SEND_BUSY_PAUSE_MS * attempt));
      }
    }
  }

  private receiveOnce(commandId: string): Promise<ParsedEnvelope> {
    return this.conn.invoke({ action: Action.Receive, selectors: { ShellId: this.shellId }, body: receiveBody(commandId), idempotent: false });
  }

  /** `first`: the answer to a Receive already sent (pipelined behind the Command). */
  private async receiveAll(commandId: string, deadline: number | undefined, first?: Promise<Settled<ParsedEnvelope>>): Promise<CommandOutput> {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    for (let pending = first; ; pending = undefined) {
      if (deadline !== undefined && Date.now() > deadline) throw new WinrmTimeoutError(this.endpoint, `command ${commandId} did not finish before its deadline`);
      let env;
      try {
        // The pipelined Receive's answer when it brought one; any fault of it (TimedOut, a retried Command, a
        // dropped request) is answered by asking again.
        const early = pending ? await pending : undefined;
        env = early && !('error' in early) ? early.value : await this.receiveOnce(commandId);
      } catch (err) {
        if (err instanceof WsmanFaultError && isTimedOut(err.fault)) continue;
        throw err;
      }
      const chunk = readReceive(env, commandId);
      stdout.push(...chunk.stdout);
      stderr.push(...chunk.stderr);
      // Bytes are joined before decoding: a UTF-8 sequence may be split across Receive responses.
      if (chunk.done) return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode: chunk.exitCode ?? 0 };
    }
  }
}
