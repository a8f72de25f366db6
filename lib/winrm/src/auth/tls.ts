/**
 * TLS for 5986: on site, WinRM listeners almost always have self-signed certificates, so the usual check is a
 * pinned SHA-256 fingerprint (trust on first use, reset by an operator); a CA bundle also works. The pin is checked
 * before the socket is handed to HTTP, so credentials are never written to an unverified peer.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

export interface TlsPinning {
  /** SHA-256 fingerprint of the server certificate, hex with or without colons (as `openssl x509 -fingerprint`). */
  sha256Fingerprint?: string;
  /** PEM CA bundle to verify the chain against (then the host name is checked too). */
  ca?: string | Buffer;
  /** Name to verify against the certificate (defaults to the host). */
  servername?: string;
}

export class TlsPinError extends Error {
  override readonly name = 'TlsPinError';
}

export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  readonly code = 'ETIMEDOUT';
}

export const normalizeFingerprint = (fp: string): string => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();

type Callback = (err: Error | null, socket?: Socket) => void;

/** Connects plain TCP, failing with ConnectTimeoutError after `timeoutMs`. */
export function connectTcp(host: string, port: number, timeoutMs: number, cb: Callback): void {
  const socket = netConnect({ host, port });
  const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(`TCP connect to ${host}:${port} timed out after ${timeoutMs} ms`)), timeoutMs);
  socket.once('connect', () => {
    clearTimeout(timer);
    socket.setNoDelay(true);
    cb(null, socket);
  });
  socket.once('error', (err) => {
    clearTimeout(timer);
    cb(err);
  });
}

/** Connects TLS and verifies the pin or chain before handing the socket over. */
export function connectTls(host: string, port: number, timeoutMs: number, pin: TlsPinning, cb: Callback): void {
  if (!pin.sha256Fingerprint && !pin.ca) {
    cb(new TlsPinError('HTTPS needs a pinned certificate fingerprint or a CA (tls.sha256Fingerprint or tls.ca)'));
    return;
  }
  const socket: TLSSocket = tlsConnect({
    host,
    port,
    servername: pin.servername ?? (/^[\d.]+$|:/.test(host) ? undefined : host),
    ca: pin.ca,
    // With a fingerprint pin the chain is not checked (self-signed); the pin below is stricter than a chain.
    rejectUnauthorized: !pin.sha256Fingerprint,
  });
  let done = false;
  const finish = (err: Error | null): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (err) {
      socket.destroy();
      cb(err);
    } else {
      socket.setNoDelay(true);
      cb(null, socket);
    }
  };
  const timer = setTimeout(() => finish(new ConnectTimeoutError(`TLS connect to ${host}:${port} timed out after ${timeoutMs} ms`)), timeoutMs);
  socket.once('secureConnect', () => {
    if (pin.sha256Fingerprint) {
      const actual = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      const expected = normalizeFingerprint(pin.sha256Fingerprint);
      if (actual !== expected) {
        finish(new TlsPinError(`certificate fingerprint ${actual} does not match the pinned ${expected}`));
        return;
      }
    }
    finish(null);
  });
  socket.once('error', (err) => finish(err));
}
