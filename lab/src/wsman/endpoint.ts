/**
 * The HTTP side of one lab host's WS-Man listener: injected faults, Identify, authentication (Basic / NTLM per
 * connection), message encryption on HTTP, then the shell service. 401s offer the schemes Windows offers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ENCRYPTED_CONTENT_TYPE, NS, SOAP_CONTENT_TYPE, decryptMessage, descendant, encryptMessage, isEncryptedContentType, parseEnvelope, type NtlmSession } from '@custos/winrm/protocol';
import type { HostFaults } from '../host/faults.js';
import { authenticate, connectionAuth, type Account } from './auth.js';
import * as R from './responses.js';
import type { ShellService } from './shell-service.js';

export interface EndpointHost {
  account: Account;
  faults: HostFaults;
  shells: ShellService;
  winrm(): { allowUnencrypted: boolean; basicAuth: boolean };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The last request still being handled on each connection. */
const busy = new WeakMap<Socket, Promise<void>>();

/**
 * Handles the requests of one connection one after the other, in the order they arrived, as the WinRM service
 * does: with HTTP pipelining a request can arrive while the previous one is still being handled (a Receive waiting
 * for output), and NTLM sealing is a stream — each response must be sealed after the one before it.
 */
export function handleWsman(req: IncomingMessage, res: ServerResponse, host: EndpointHost, https: boolean): Promise<void> {
  const socket = req.socket;
  const previous = busy.get(socket);
  const done = previous ? previous.then(() => handleOne(req, res, host, https)) : handleOne(req, res, host, https);
  const settled = done.catch(() => undefined);
  busy.set(socket, settled);
  void settled.then(() => {
    if (busy.get(socket) === settled) busy.delete(socket);
  });
  return done;
}

async function handleOne(req: IncomingMessage, res: ServerResponse, host: EndpointHost, https: boolean): Promise<void> {
  const f = host.faults;
  if (f.dropConnections && f.dropConnections > 0) {
    f.dropConnections--;
    req.socket.destroy();
    return;
  }
  const body = await readBody(req);
  if (f.http500 && f.http500 > 0) {
    f.http500--;
    res.writeHead(500, { 'Content-Length': 0 }).end();
    return;
  }
  if (f.latencyMs) await sleep(f.latencyMs);
  if ((req.url ?? '').split('?')[0]?.toLowerCase() !== '/wsman') {
    res.writeHead(404, { 'Content-Length': 0 }).end();
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST', 'Content-Length': 0 }).end();
    return;
  }
  if (!req.headers.authorization && /^unauthenticated$/i.test(String(req.headers.wsmanidentify ?? ''))) {
    return reply(res, 200, R.identifyResponse(false));
  }

  const config = host.winrm();
  const basicAllowed = config.basicAuth && (https || config.allowUnencrypted);
  const challenge = (token?: Buffer): void => {
    const offers = token ? [`Negotiate ${token.toString('base64')}`] : ['Negotiate', 'Kerberos', ...(basicAllowed ? ['Basic realm="WSMAN"'] : [])];
    res.writeHead(401, { 'WWW-Authenticate': offers, 'Content-Length': 0, Connection: 'Keep-Alive' }).end();
  };
  const auth = authenticate(req.headers.authorization, req.socket, host.account, { basicAllowed, credentialsExpired: f.credentialsExpired === true });
  switch (auth.kind) {
    case 'none':
    case 'refused':
      return challenge();
    case 'challenge':
      return challenge(auth.token);
    case 'basic':
      if (!/application\/soap\+xml/i.test(req.headers['content-type'] ?? '')) return challenge();
      return reply(res, ...(await processSoap(host, body.toString('utf8'), req)));
    case 'ntlm': {
      if (body.length === 0 && auth.handshakeDone) {
        res.writeHead(200, { 'Content-Length': 0 }).end();
        return;
      }
      if (isEncryptedContentType(req.headers['content-type'])) return replyEncrypted(req, res, host, body, auth.session);
      // Unencrypted SOAP on an NTLM connection: refused unless on HTTPS or AllowUnencrypted (reference §2.1).
      if (!https && !config.allowUnencrypted) {
        connectionAuth(req.socket).ntlm = undefined;
        return challenge();
      }
      return reply(res, ...(await processSoap(host, body.toString('utf8'), req)));
    }
  }
}

async function replyEncrypted(req: IncomingMessage, res: ServerResponse, host: EndpointHost, body: Buffer, session: NtlmSession): Promise<void> {
  let plain: Buffer;
  try {
    plain = decryptMessage(session, body);
  } catch {
    // A bad signature or framing breaks the sealing state: Windows answers 400 and the client must re-authenticate.
    connectionAuth(req.socket).ntlm = undefined;
    res.writeHead(400, { 'Content-Length': 0, Connection: 'close' }).end();
    return;
  }
  const [status, xml] = await processSoap(host, plain.toString('utf8'), req);
  const sealed = encryptMessage(session, Buffer.from(xml, 'utf8'));
  res.writeHead(status, { 'Content-Type': ENCRYPTED_CONTENT_TYPE, 'Content-Length': sealed.length }).end(sealed);
}

async function processSoap(host: EndpointHost, xml: string, req: IncomingMessage): Promise<[number, string]> {
  const machine = host.account.computerName;
  let env;
  try {
    env = parseEnvelope(xml, 'request');
  } catch (err) {
    const f = R.invalidRequestFault(machine, `The WS-Management service cannot process the request because the XML is invalid. ${(err as Error).message}`);
    return [f.status, f.xml];
  }
  if (descendant(env.body, NS.wsmid, 'Identify')) return [200, R.identifyResponse(true)];
  if (host.faults.accessDenied && env.action.endsWith('/transfer/Create')) {
    const f = R.accessDeniedFault(env.messageId, machine);
    return [f.status, f.xml];
  }
  if (host.faults.sendBusy && host.faults.sendBusy > 0 && env.action.endsWith('/shell/Send')) {
    host.faults.sendBusy--;
    const f = R.busyFault(env.messageId, machine);
    return [f.status, f.xml];
  }
  const r = await host.shells.handle(env, req.socket.remoteAddress ?? '');
  return [r.status, r.xml];
}

function reply(res: ServerResponse, status: number, xml: string): void {
  const data = Buffer.from(xml, 'utf8');
  res.writeHead(status, { 'Content-Type': SOAP_CONTENT_TYPE, 'Content-Length': data.length }).end(data);
}
