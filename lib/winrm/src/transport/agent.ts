/**
 * One keep-alive connection per host session, on undici's `Client` (one socket per origin, HTTP/1.1 pipelining).
 * NTLM authenticates a TCP connection, not a request, so every socket gets a generation number: an NTLM context
 * belongs to one generation, and a request bound to a generation is refused before a byte of it is written on any
 * other socket. undici is used for its much lower per-request cost than node:http, and for pipelining: the Signal
 * that ends command N and the Command of N+1 go out back to back instead of one round trip after the other.
 */
import type { Socket } from 'node:net';
import { Client, type Dispatcher } from 'undici';
import { connectTcp, connectTls, type TlsPinning } from '../auth/tls.js';

export interface ConnectionOptions {
  host: string;
  port: number;
  tls: TlsPinning | undefined;
  connectTimeoutMs: number;
  path: string;
}

export interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The generation of the socket the request was written on. */
  generation: number;
}

export interface ExchangeOptions {
  /** Only write the request on this socket generation; otherwise fail with SocketChangedError, nothing written. */
  generation?: number;
  /**
   * Whether undici may write the request a second time on a new socket (it re-sends pipelined requests queued behind
   * one that failed with the connection). False for operations that may already have run on the host.
   */
  resendable: boolean;
}

/** The request was not written: its socket was replaced (NTLM must authenticate the new one). */
export class SocketChangedError extends Error {
  override readonly name = 'SocketChangedError';
}

/** A failure of the exchange itself; `reusedSocket` says whether the socket had carried earlier requests. */
export class ExchangeError extends Error {
  constructor(
    override readonly cause: Error,
    readonly reusedSocket: boolean,
  ) {
    super(cause.message, { cause });
  }
}

/**
 * HTTP.sys closes idle connections after 2 minutes; undici's 4 s default would drop (and re-authenticate) NTLM
 * sessions between batches.
 */
const KEEP_ALIVE_MS = 110_000;

export class HostConnection {
  /** Incremented for each new socket, before any request is written on it. */
  private generation = 0;
  private alive = false;
  /** Requests started on the current socket (a failure on a socket that carried earlier ones may be a stale close). */
  private started = 0;
  private readonly client: Client;
  private socket: Socket | undefined;
  private corked = false;

  constructor(private readonly target: ConnectionOptions) {
    const { host, port, tls, connectTimeoutMs } = target;
    const origin = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.client = new Client(origin, {
      pipelining: 4,
      keepAliveTimeout: KEEP_ALIVE_MS,
      keepAliveMaxTimeout: KEEP_ALIVE_MS,
      // Deadlines are enforced per exchange (the whole exchange, not per phase).
      headersTimeout: 0,
      bodyTimeout: 0,
      // The socket is handed to undici only once connected (and for TLS, pinned), so nothing is written to an
      // unverified peer.
      connect: (_opts, callback) => {
        const cb = (err: Error | null, socket?: Socket): void => {
          if (err) return callback(err, null);
          this.socket = socket;
          callback(null, socket as Socket);
        };
        if (tls) connectTls(host, port, connectTimeoutMs, tls, cb);
        else connectTcp(host, port, connectTimeoutMs, cb);
      },
    });
    this.client.on('connect', () => {
      this.generation++;
      this.alive = true;
      this.started = 0;
    });
    this.client.on('disconnect', () => {
      this.alive = false;
    });
  }

  /** The generation a request written now would most likely go out on, or undefined when there is no socket. */
  get currentGeneration(): number | undefined {
    return this.alive ? this.generation : undefined;
  }

  /** One POST; `timeoutMs` bounds the whole exchange (queueing included). */
  exchange(headers: Record<string, string>, body: Buffer, timeoutMs: number, opts: ExchangeOptions): Promise<Exchange> {
    return new Promise<Exchange>((resolve, reject) => {
      const handler = new PendingExchange(this, opts, timeoutMs, resolve, reject);
      // `idempotent` lets undici pipeline the request behind one still in flight; whether it may be written twice
      // is decided by the handler (`resendable`), not by undici.
      this.client.dispatch({ path: this.target.path, method: 'POST', headers, body, idempotent: true, blocking: false }, handler);
    });
  }

  /** Called as a request is about to be written: its socket generation, and whether that socket carried others. */
  startRequest(): { generation: number; reused: boolean } {
    this.coalesceWrites();
    return { generation: this.generation, reused: this.started++ > 0 };
  }

  /** The generation of the socket requests are being written on now. */
  get writingGeneration(): number {
    return this.generation;
  }

  /**
   * Requests undici writes in one go go out in one TCP write: the pipelined Signal of command N and the Command of
   * N+1 reach the host together (one wake-up, one read there) instead of as two segments. Called as a request is
   * about to be written; the socket is uncorked once the current tick's writes are done.
   */
  private coalesceWrites(): void {
    const socket = this.socket;
    if (this.corked || !socket || socket.destroyed) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  destroy(): void {
    this.alive = false;
    void this.client.destroy().catch(() => undefined);
  }
}

const onDeadline = (exchange: PendingExchange): void => exchange.expire();

/**
 * One request's undici handler (a class rather than closures: one allocation per request, methods shared). Every
 * way an exchange ends settles the promise once.
 */
class PendingExchange implements Dispatcher.DispatchHandler {
  private readonly chunks: Buffer[] = [];
  private status = 0;
  private headers: Exchange['headers'] = {};
  private generation = -1;
  private reused = false;
  private starts = 0;
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly conn: HostConnection,
    private readonly opts: ExchangeOptions,
    private readonly timeoutMs: number,
    private readonly resolve: (e: Exchange) => void,
    private readonly reject: (err: Error) => void,
  ) {
    this.timer = setTimeout(onDeadline, timeoutMs, this);
  }

  expire(): void {
    const err = Object.assign(new Error(`no response within ${this.timeoutMs} ms`), { code: 'WINRM_DEADLINE' });
    this.controller?.abort(err);
    this.fail(new ExchangeError(err, this.reused));
  }

  onRequestStart(ctl: Dispatcher.DispatchController): void {
    this.controller = ctl;
    this.starts++;
    if (this.settled) return ctl.abort(new Error('exchange already abandoned'));
    // A second start means undici is re-sending after a connection loss: the request was written once already.
    const written = this.starts > 1;
    if (this.opts.generation !== undefined && this.opts.generation !== this.conn.writingGeneration) {
      const err = new SocketChangedError('keep-alive socket was replaced; re-authenticating');
      ctl.abort(err);
      return this.fail(written && !this.opts.resendable ? new ExchangeError(new Error('connection lost after the request was sent'), true) : err);
    }
    if (written && !this.opts.resendable) {
      const err = new Error('connection lost after the request was sent');
      ctl.abort(err);
      return this.fail(new ExchangeError(err, true));
    }
    ({ generation: this.generation, reused: this.reused } = this.conn.startRequest());
  }

  onResponseStart(_ctl: Dispatcher.DispatchController, statusCode: number, headers: Exchange['headers']): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_ctl: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    this.resolve({ status: this.status, headers: this.headers, body, generation: this.generation });
  }

  onResponseError(_ctl: Dispatcher.DispatchController, err: Error): void {
    this.fail(err instanceof SocketChangedError || err instanceof ExchangeError ? err : new ExchangeError(err, this.reused));
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.reject(err);
  }
}
