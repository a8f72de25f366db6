/**
 * One authenticated WS-Man HTTP session to one host: Basic (HTTPS), NTLM over HTTPS, or NTLM over HTTP with
 * message encryption. Takes a plaintext SOAP envelope and returns the plaintext response; hides the 401 dance,
 * sealing and re-authentication on a new socket. Knows nothing about SOAP beyond the content type.
 */
import { NtlmInitiator } from '../auth/ntlm/initiator.js';
import type { NtlmSession } from '../auth/ntlm/session-security.js';
import { basicAuthorization, splitAccount } from '../auth/credentials.js';
import type { TlsPinning } from '../auth/tls.js';
import { ExchangeError, HostConnection, SocketChangedError, type Exchange } from './agent.js';
import { ENCRYPTED_CONTENT_TYPE, SOAP_CONTENT_TYPE, decryptMessage, encryptMessage, isEncryptedContentType } from './encryption.js';
import { AuthRefusedError, HostUnreachableError, WinrmProtocolError } from '../errors.js';
import { classifyNetworkError } from './network-errors.js';

export type TransportKind = 'ntlm-http' | 'ntlm-https' | 'basic-https';

export interface SessionTarget {
  host: string;
  port: number;
  transport: TransportKind;
  username: string;
  password: string;
  tls?: TlsPinning;
  path?: string;
  connectTimeoutMs: number;
}

export interface HttpReply {
  status: number;
  contentType: string;
  /** Plaintext body (decrypted when it came sealed). */
  body: string;
}

const USER_AGENT = 'Custos WinRM client';
const EMPTY = Buffer.alloc(0);

export class WsmanHttpSession {
  readonly url: string;
  readonly endpoint: string;
  private readonly conn: HostConnection;
  /** The NTLM context and the socket generation it authenticated. */
  private ntlm: { generation: number; session: NtlmSession } | undefined;
  /** The handshake in progress: requests wait for it rather than interleave with its messages on the connection. */
  private authenticating: Promise<void> | undefined;

  constructor(private readonly target: SessionTarget) {
    const https = target.transport !== 'ntlm-http';
    if (https && !target.tls) throw new TypeError(`${target.host}: transport ${target.transport} needs tls pinning options`);
    this.endpoint = `${target.host}:${target.port}`;
    this.url = `${https ? 'https' : 'http'}://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}${target.path ?? '/wsman'}`;
    this.conn = new HostConnection({ host: target.host, port: target.port, tls: https ? target.tls : undefined, connectTimeoutMs: target.connectTimeoutMs, path: target.path ?? '/wsman' });
  }

  /** Sends one SOAP envelope; `timeoutMs` bounds the whole exchange. */
  async post(xml: string, timeoutMs: number, opts: { idempotent: boolean }): Promise<HttpReply> {
    try {
      return await this.postOnce(xml, timeoutMs, opts.idempotent);
    } catch (err) {
      // A keep-alive socket the server closed while idle fails before any reply; Node documents retrying that
      // once. Only idempotent operations are retried: a Command may already have started. A request refused
      // because its socket was replaced was never written, so it is re-sent whatever it is.
      if (!(err instanceof SocketChangedError || (opts.idempotent && isStaleSocket(err)))) throw err;
    }
    try {
      return await this.postOnce(xml, timeoutMs, opts.idempotent);
    } catch (err) {
      // Replaced twice in a row: still nothing was written, so the caller may retry it like a refused connect.
      if (err instanceof SocketChangedError) throw Object.assign(new HostUnreachableError(this.endpoint, err.message, { cause: err }), { transient: true });
      throw err;
    }
  }

  close(): void {
    this.ntlm = undefined;
    this.conn.destroy();
  }

  private async postOnce(xml: string, timeoutMs: number, resendable: boolean): Promise<HttpReply> {
    const plain = Buffer.from(xml, 'utf8');
    const t = this.target;
    if (t.transport === 'basic-https') {
      return this.toReply(await this.send({ authorization: basicAuthorization(t.username, t.password), 'content-type': SOAP_CONTENT_TYPE }, plain, timeoutMs, { resendable }));
    }
    // A new socket (or none yet) needs its own handshake; so does a context dropped after a failure.
    if (!this.ntlm || this.ntlm.generation !== this.conn.currentGeneration) {
      await (this.authenticating ??= this.authenticate(timeoutMs).finally(() => (this.authenticating = undefined)));
    }
    const auth = this.ntlm;
    if (!auth) throw new SocketChangedError('the connection closed right after authenticating');
    const encrypt = t.transport === 'ntlm-http';
    let raw: Exchange;
    try {
      // Sealed and handed to the connection in the same tick: the sealing order is the order on the wire, which
      // is the order the server unseals in.
      raw = await this.send({ 'content-type': encrypt ? ENCRYPTED_CONTENT_TYPE : SOAP_CONTENT_TYPE }, encrypt ? encryptMessage(auth.session, plain) : plain, timeoutMs, {
        generation: auth.generation,
        resendable,
      });
    } catch (err) {
      // The sealing state moved on; whatever happened, this context cannot be trusted again.
      if (this.ntlm === auth) this.ntlm = undefined;
      throw err;
    }
    if (raw.status === 401) {
      if (this.ntlm === auth) this.ntlm = undefined;
      throw new AuthRefusedError(this.endpoint, 'the server dropped the authenticated session (HTTP 401)');
    }
    const contentType = header(raw, 'content-type');
    if (encrypt && isEncryptedContentType(contentType)) {
      try {
        return { status: raw.status, contentType: SOAP_CONTENT_TYPE, body: decryptMessage(auth.session, raw.body).toString('utf8') };
      } catch (err) {
        if (this.ntlm === auth) this.ntlm = undefined;
        throw new WinrmProtocolError(this.endpoint, `cannot decrypt the response: ${(err as Error).message}`, { cause: err });
      }
    }
    return this.toReply(raw);
  }

  private toReply(raw: Exchange): HttpReply {
    if (raw.status === 401) throw new AuthRefusedError(this.endpoint, `credentials refused (HTTP 401, offers ${header(raw, 'www-authenticate') || 'nothing'})`);
    return { status: raw.status, contentType: header(raw, 'content-type'), body: raw.body.toString('utf8') };
  }

  /**
   * NEGOTIATE → CHALLENGE → AUTHENTICATE on one socket (reference §2.3). Handshake messages run nothing on the
   * host, so a connection lost during the handshake is transient (safe to retry).
   */
  private async authenticate(timeoutMs: number): Promise<void> {
    try {
      await this.handshake(timeoutMs);
    } catch (err) {
      if (err instanceof HostUnreachableError || err instanceof SocketChangedError) Object.assign(err, { transient: true });
      throw err;
    }
  }

  private async handshake(timeoutMs: number): Promise<void> {
    this.ntlm = undefined;
    const { user, domain } = splitAccount(this.target.username);
    const initiator = new NtlmInitiator({ user, domain, password: this.target.password });
    const first = await this.send({ authorization: `Negotiate ${initiator.negotiate().toString('base64')}` }, EMPTY, timeoutMs, { resendable: true });
    const offer = header(first, 'www-authenticate');
    const token = /(?:Negotiate|NTLM) ([A-Za-z0-9+/=]+)/.exec(offer)?.[1];
    if (first.status >= 500) throw new HostUnreachableError(this.endpoint, `HTTP ${first.status} during the NTLM handshake`);
    if (first.status !== 401 || !token) {
      throw new AuthRefusedError(this.endpoint, `NTLM negotiation refused (HTTP ${first.status}, WWW-Authenticate: ${offer || 'none'})`);
    }
    let auth;
    try {
      auth = initiator.authenticate(Buffer.from(token, 'base64'));
    } catch (err) {
      throw new AuthRefusedError(this.endpoint, (err as Error).message, { cause: err });
    }
    const second = await this.send({ authorization: `Negotiate ${auth.message.toString('base64')}` }, EMPTY, timeoutMs, { generation: first.generation, resendable: false });
    if (second.status >= 500) throw new HostUnreachableError(this.endpoint, `HTTP ${second.status} during the NTLM handshake`);
    if (second.status === 401) throw new AuthRefusedError(this.endpoint, `credentials refused for ${this.target.username} (HTTP 401)`);
    if (second.status >= 300) throw new WinrmProtocolError(this.endpoint, `NTLM authentication answered HTTP ${second.status}`);
    this.ntlm = { generation: second.generation, session: auth.session };
  }

  /** One HTTP exchange; network failures become typed errors, a replaced socket stays SocketChangedError. */
  private async send(headers: Record<string, string>, body: Buffer, timeoutMs: number, opts: { generation?: number; resendable: boolean }): Promise<Exchange> {
    try {
      return await this.conn.exchange({ 'user-agent': USER_AGENT, ...headers }, body, timeoutMs, opts);
    } catch (err) {
      if (err instanceof SocketChangedError) throw err;
      if (err instanceof ExchangeError) throw classifyNetworkError(this.endpoint, err.cause, err.reusedSocket);
      throw classifyNetworkError(this.endpoint, err as Error);
    }
  }
}

/** A response header as one string (repeated headers, such as several WWW-Authenticate offers, joined). */
function header(raw: Exchange, name: string): string {
  const v = raw.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

function isStaleSocket(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { staleSocket?: boolean }).staleSocket === true;
}
