/**
 * Online probe from the appliance (reference §6.20, seed §9.1): a TCP connect to 5985/5986 with a short timeout,
 * then an unauthenticated WS-Man Identify. Never Test-NetConnection from a domain controller.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { NS } from './wsman/namespaces.js';
import { child, parseXml, textOf } from './wsman/xml.js';

export type TcpState = 'open' | 'refused' | 'timeout' | 'unreachable';

export interface ListenerProbe {
  port: number;
  tcp: TcpState;
  /** Present when the port answered HTTP: what Identify said. */
  wsman?: { identified: true; protocolVersion: string; productVendor: string; productVersion?: string } | { identified: false; httpStatus: number; authSchemes: string[] };
}

export interface HostProbe {
  host: string;
  /** A WinRM listener answered (Identify or a 401 asking for Negotiate/Basic). */
  online: boolean;
  /** Something answered at TCP level (open or refused): the host is up even if WinRM is not. */
  hostUp: boolean;
  listeners: ListenerProbe[];
}

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<TcpState> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (state: TcpState): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('connect', () => done('open'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' ? 'refused' : 'unreachable'));
  });
}

const IDENTIFY =
  `<s:Envelope xmlns:s="${NS.s}" xmlns:wsmid="${NS.wsmid}"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>`;

/** POSTs an unauthenticated Identify. Over HTTPS the certificate is not checked: no credentials are sent. */
export function identify(host: string, port: number, https: boolean, timeoutMs: number): Promise<ListenerProbe['wsman']> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(IDENTIFY);
    const req = (https ? httpsRequest : httpRequest)(
      { host, port, path: '/wsman', method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/soap+xml;charset=UTF-8', 'Content-Length': body.length, 'WSMANIDENTIFY': 'unauthenticated' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            const schemes = [res.headers['www-authenticate'] ?? ''].flat().join(',').split(',').map((s) => s.trim().split(' ')[0] ?? '').filter(Boolean);
            resolve({ identified: false, httpStatus: status, authSchemes: schemes });
            return;
          }
          try {
            const doc = parseXml(Buffer.concat(chunks).toString('utf8'), 'IdentifyResponse');
            const r = doc.getElementsByTagNameNS(NS.wsmid, 'IdentifyResponse')[0];
            if (!r) throw new Error('no IdentifyResponse');
            const version = textOf(child(r, NS.wsmid, 'ProductVersion')).trim();
            resolve({
              identified: true,
              protocolVersion: textOf(child(r, NS.wsmid, 'ProtocolVersion')).trim(),
              productVendor: textOf(child(r, NS.wsmid, 'ProductVendor')).trim(),
              ...(version ? { productVersion: version } : {}),
            });
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`Identify timed out after ${timeoutMs} ms`)), timeoutMs);
    req.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

export interface ProbeOptions {
  ports?: { http?: number; https?: number };
  /** Per step; default 1.5 s. */
  timeoutMs?: number;
}

export async function probeHost(host: string, opts: ProbeOptions = {}): Promise<HostProbe> {
  const timeoutMs = opts.timeoutMs ?? 1500;
  const ports = [
    { port: opts.ports?.http ?? 5985, https: false },
    { port: opts.ports?.https ?? 5986, https: true },
  ];
  const listeners = await Promise.all(
    ports.map(async ({ port, https }): Promise<ListenerProbe> => {
      const tcp = await tcpProbe(host, port, timeoutMs);
      if (tcp !== 'open') return { port, tcp };
      const wsman = await identify(host, port, https, timeoutMs).catch(() => undefined);
      return wsman ? { port, tcp, wsman } : { port, tcp };
    }),
  );
  const answered = (l: ListenerProbe): boolean =>
    l.wsman !== undefined && (l.wsman.identified || (l.wsman.httpStatus === 401 && l.wsman.authSchemes.some((s) => /^(Negotiate|Basic|Kerberos)$/i.test(s))));
  return {
    host,
    online: listeners.some(answered),
    hostUp: listeners.some((l) => l.tcp === 'open' || l.tcp === 'refused'),
    listeners,
  };
}
