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
      const chunks: Buffer[] = [];
      let status = 0;
      let responseHeaders: Exchange['headers'] = {};
      let generation = -1;
      let reused = false;
      let starts = 0;
      let controller: Dispatcher.DispatchController | undefined;
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const timer = setTimeout(() => {
        const err = Object.assign(new Error(`no response within ${timeoutMs} ms`), { code: 'WINRM_DEADLINE' });
        controller?.abort(err);
        fail(new ExchangeError(err, reused));
      }, timeoutMs);
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: (ctl) => {
          controller = ctl;
          starts++;
          if (settled) return ctl.abort(new Error('exchange already abandoned'));
          if (opts.generation !== undefined && opts.generation !== this.generation) {
            const err = new SocketChangedError('keep-alive socket was replaced; re-authenticating');
            ctl.abort(err);
            // A request refused here on a second start was written once already, on the old socket.
            return fail(starts > 1 && !opts.resendable ? new ExchangeError(new Error('connection lost after the request was sent'), true) : err);
          }
          if (starts > 1 && !opts.resendable) {
            const err = new Error('connection lost after the request was sent');
            ctl.abort(err);
            return fail(new ExchangeError(err, true));
          }
          generation = this.generation;
          this.coalesceWrites();
          reused = this.started > 0;
          this.started++;
        },
        onResponseStart: (_ctl, statusCode, hdrs) => {
          status = statusCode;
          responseHeaders = hdrs;
        },
        onResponseData: (_ctl, chunk) => {
          chunks.push(chunk);
        },
        onResponseEnd: () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, headers: responseHeaders, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), generation });
        },
        onResponseError: (_ctl, err) => {
          fail(err instanceof SocketChangedError || err instanceof ExchangeError ? err : new ExchangeError(err, reused));
        },
      };
      // `idempotent` lets undici pipeline the request behind one still in flight; whether it may be written twice
      // is decided above (`resendable`), not by undici.
      this.client.dispatch({ path: this.target.path, method: 'POST', headers, body, idempotent: true, blocking: false }, handler);
    });
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
