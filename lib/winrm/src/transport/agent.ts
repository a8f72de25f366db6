/**
 * One keep-alive connection per host session. NTLM authenticates a TCP connection, not a request, so a session
 * must keep using the socket it authenticated (maxSockets 1); plain `http.Agent` is used rather than undici, which
 * pools connections freely.
 */
import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { connectTcp, connectTls, type TlsPinning } from '../auth/tls.js';

export interface AgentOptions {
  host: string;
  port: number;
  tls: TlsPinning | undefined;
  connectTimeoutMs: number;
}

export class SessionAgent extends Agent {
  constructor(private readonly target: AgentOptions) {
    super({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, scheduling: 'lifo' });
  }

  // Node's Agent accepts an asynchronous createConnection through its callback; the socket is handed to HTTP only
  // once connected (and for TLS, pinned), so nothing is written to an unverified peer.
  override createConnection(_options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const { host, port, tls, connectTimeoutMs } = this.target;
    const cb = (err: Error | null, socket?: Socket): void => callback?.(err, socket as Duplex);
    if (tls) connectTls(host, port, connectTimeoutMs, tls, cb);
    else connectTcp(host, port, connectTimeoutMs, cb);
    return undefined;
  }
}
