/**
 * Authentication of one WS-Man request on the lab host: Basic (HTTPS only, or when the host allows unencrypted),
 * and NTLM per TCP connection (Negotiate or NTLM scheme, raw NTLMSSP tokens) with the session kept for sealing.
 * Mirrors Windows' 401 behaviour: the offered schemes in WWW-Authenticate, 401 for bad or expired credentials.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import { NtlmAcceptor, type NtlmSession } from '@custos/winrm/protocol';

export interface Account {
  username: string;
  password: string;
  netbiosDomain: string;
  dnsDomain: string;
  computerName: string;
}

export interface ConnectionAuth {
  acceptor?: NtlmAcceptor;
  ntlm?: { user: string; session: NtlmSession };
}

const connections = new WeakMap<Socket, ConnectionAuth>();

export function connectionAuth(socket: Socket): ConnectionAuth {
  let c = connections.get(socket);
  if (!c) {
    c = {};
    connections.set(socket, c);
  }
  return c;
}

export type AuthOutcome =
  | { kind: 'basic'; user: string }
  | { kind: 'ntlm'; user: string; session: NtlmSession; handshakeDone: boolean }
  | { kind: 'challenge'; token: Buffer }
  | { kind: 'refused'; reason: string }
  | { kind: 'none' };

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Strips DOMAIN\ or @domain the way Windows matches a local or domain account. */
function accountMatches(account: Account, user: string, domain: string): boolean {
  const d = domain.toUpperCase();
  const domainOk = d === '' || d === '.' || [account.netbiosDomain, account.dnsDomain, account.computerName].some((x) => x.toUpperCase() === d);
  const bare = account.username.includes('\\') ? account.username.split('\\')[1] : account.username;
  return domainOk && user.toLowerCase() === (bare ?? '').toLowerCase();
}

export function authenticate(header: string | undefined, socket: Socket, account: Account, opts: { basicAllowed: boolean; credentialsExpired: boolean }): AuthOutcome {
  const conn = connectionAuth(socket);
  if (!header) return conn.ntlm ? { kind: 'ntlm', user: conn.ntlm.user, session: conn.ntlm.session, handshakeDone: false } : { kind: 'none' };
  const [scheme = '', token = ''] = header.trim().split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    if (!opts.basicAllowed) return { kind: 'refused', reason: 'Basic authentication is not allowed on this listener' };
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [name, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const [domain, user] = name.includes('\\') ? (name.split('\\', 2) as [string, string]) : ['', name];
    if (colon < 0 || opts.credentialsExpired || !accountMatches(account, user, domain) || !same(password, account.password)) return { kind: 'refused', reason: 'bad Basic credentials' };
    return { kind: 'basic', user: name };
  }
  if (!/^(negotiate|ntlm)$/i.test(scheme)) return { kind: 'refused', reason: `unsupported scheme ${scheme}` };
  const raw = Buffer.from(token, 'base64');
  const type = raw.length >= 12 ? raw.readUInt32LE(8) : 0;
  try {
    if (type === 1) {
      conn.ntlm = undefined;
      conn.acceptor = new NtlmAcceptor({
        netbiosDomain: account.netbiosDomain,
        netbiosComputer: account.computerName,
        dnsDomain: account.dnsDomain,
        dnsComputer: `${account.computerName.toLowerCase()}.${account.dnsDomain}`,
        lookupPassword: (user, domain) => (!opts.credentialsExpired && accountMatches(account, user, domain) ? account.password : undefined),
      });
      return { kind: 'challenge', token: conn.acceptor.challenge(raw) };
    }
    if (type === 3 && conn.acceptor) {
      const ctx = conn.acceptor.accept(raw);
      conn.acceptor = undefined;
      conn.ntlm = { user: ctx.user, session: ctx.session };
      return { kind: 'ntlm', user: ctx.user, session: ctx.session, handshakeDone: true };
    }
    return { kind: 'refused', reason: `unexpected NTLM message type ${type}` };
  } catch (err) {
    conn.acceptor = undefined;
    return { kind: 'refused', reason: (err as Error).message };
  }
}
