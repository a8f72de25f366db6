/**
 * One authenticated WS-Man HTTP session to one host: Basic (HTTPS), NTLM over HTTPS, or NTLM over HTTP with
 * message encryption. Takes a plaintext SOAP envelope and returns the plaintext response; hides the 401 dance,
 * sealing and re-authentication on a new socket. Knows nothing about SOAP beyond the content type.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { NtlmInitiator } from '../auth/ntlm/initiator.js';
import type { NtlmSession } from '../auth/ntlm/session-security.js';
import { basicAuthorization, splitAccount } from '../auth/credentials.js';
import type { TlsPinning } from '../auth/tls.js';
import { SessionAgent } from './agent.js';
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

interface RawReply {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
  socket: Socket;
}

class SocketChangedError extends Error {}

export class WsmanHttpSession {
  readonly url: string;
  readonly endpoint: string;
  private readonly agent: SessionAgent;
  private ntlm: { socket: Socket; session: NtlmSession } | undefined;

  constructor(private readonly target: SessionTarget) {
    const https = target.transport !== 'ntlm-http';
    if (https && !target.tls) throw new TypeError(`${target.host}: transport ${target.transport} needs tls pinning options`);
    this.endpoint = `${target.host}:${target.port}`;
    this.url = `${https ? 'https' : 'http'}://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}${target.path ?? '/wsman'}`;
    this.agent = new SessionAgent({ host: target.host, port: target.port, tls: https ? target.tls : undefined, connectTimeoutMs: target.connectTimeoutMs });
  }

  /** Sends one SOAP envelope; `timeoutMs` bounds the whole exchange. */
  async post(xml: string, timeoutMs: number, opts: { idempotent: boolean }): Promise<HttpReply> {
    try {
      return await this.postOnce(xml, timeoutMs);
    } catch (err) {
      // A keep-alive socket the server closed while idle fails before any reply; Node documents retrying that
      // once. Only idempotent operations are retried: a Command may already have started.
      if (err instanceof SocketChangedError || (opts.idempotent && isStaleSocket(err))) return this.postOnce(xml, timeoutMs);
      throw err;
    }
  }

  close(): void {
    this.ntlm = undefined;
    this.agent.destroy();
  }

  private async postOnce(xml: string, timeoutMs: number): Promise<HttpReply> {
    const plain = Buffer.from(xml, 'utf8');
    const t = this.target;
    if (t.transport === 'basic-https') {
      return this.toReply(await this.send({ Authorization: basicAuthorization(t.username, t.password), 'Content-Type': SOAP_CONTENT_TYPE }, plain, timeoutMs));
    }
    if (!this.ntlm || this.ntlm.socket.destroyed) await this.authenticate(timeoutMs);
    const auth = this.ntlm as { socket: Socket; session: NtlmSession };
    const encrypt = t.transport === 'ntlm-http';
    let raw: RawReply;
    try {
      raw = await this.send(
        { 'Content-Type': encrypt ? ENCRYPTED_CONTENT_TYPE : SOAP_CONTENT_TYPE },
        () => (encrypt ? encryptMessage(auth.session, plain) : plain),
        timeoutMs,
        auth.socket,
      );
    } catch (err) {
      // The sealing state moved on; whatever happened, this context cannot be trusted again.
      this.ntlm = undefined;
      throw err;
    }
    if (raw.status === 401) {
      this.ntlm = undefined;
      throw new AuthRefusedError(this.endpoint, 'the server dropped the authenticated session (HTTP 401)');
    }
    if (encrypt && isEncryptedContentType(raw.headers['content-type'])) {
      try {
        return { status: raw.status, contentType: SOAP_CONTENT_TYPE, body: decryptMessage(auth.session, raw.body).toString('utf8') };
      } catch (err) {
        this.ntlm = undefined;
        throw new WinrmProtocolError(this.endpoint, `cannot decrypt the response: ${(err as Error).message}`, { cause: err });
      }
    }
    return this.toReply(raw);
  }

  private toReply(raw: RawReply): HttpReply {
    if (raw.status === 401) throw new AuthRefusedError(this.endpoint, `credentials refused (HTTP 401, offers ${raw.headers['www-authenticate'] ?? 'nothing'})`);
    return { status: raw.status, contentType: raw.headers['content-type'] ?? '', body: raw.body.toString('utf8') };
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
    const first = await this.send({ Authorization: `Negotiate ${initiator.negotiate().toString('base64')}` }, Buffer.alloc(0), timeoutMs);
    const offer = [first.headers['www-authenticate'] ?? ''].flat().join(', ');
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
    const second = await this.send({ Authorization: `Negotiate ${auth.message.toString('base64')}` }, Buffer.alloc(0), timeoutMs, first.socket);
    if (second.status >= 500) throw new HostUnreachableError(this.endpoint, `HTTP ${second.status} during the NTLM handshake`);
    if (second.status === 401) throw new AuthRefusedError(this.endpoint, `credentials refused for ${this.target.username} (HTTP 401)`);
    if (second.status >= 300) throw new WinrmProtocolError(this.endpoint, `NTLM authentication answered HTTP ${second.status}`);
    this.ntlm = { socket: second.socket, session: auth.session };
  }

  /**
   * One HTTP exchange. `body` may be a function: it is called only once the socket is known, so a sealed body
   * is produced for the authenticated socket or not at all.
   */
  private send(headers: Record<string, string>, body: Buffer | (() => Buffer), timeoutMs: number, requireSocket?: Socket): Promise<RawReply> {
    return new Promise<RawReply>((resolve, reject) => {
      // Plain http.request even for HTTPS: the session agent's createConnection makes (and pins) the TLS socket.
      const req: ClientRequest = request({
        host: this.target.host,
        port: this.target.port,
        path: this.target.path ?? '/wsman',
        method: 'POST',
        agent: this.agent,
        headers: { 'User-Agent': 'Custos WinRM client', ...headers },
      });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no response within ${timeoutMs} ms`), { code: 'WINRM_DEADLINE' })), timeoutMs);
      let used: Socket | undefined;
      req.once('socket', (socket: Socket) => {
        used = socket;
        if (requireSocket && socket !== requireSocket) {
          req.destroy(new SocketChangedError('keep-alive socket was replaced; re-authenticating'));
          return;
        }
        const data = typeof body === 'function' ? body() : body;
        req.setHeader('Content-Length', data.length);
        req.end(data);
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), socket: used as Socket });
        });
        res.once('error', (err) => {
          clearTimeout(timer);
          reject(classifyNetworkError(this.endpoint, err, req.reusedSocket));
        });
      });
      req.once('error', (err) => {
        clearTimeout(timer);
        reject(err instanceof SocketChangedError ? err : classifyNetworkError(this.endpoint, err, req.reusedSocket));
      });
    });
  }
}

function isStaleSocket(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { staleSocket?: boolean }).staleSocket === true;
}
