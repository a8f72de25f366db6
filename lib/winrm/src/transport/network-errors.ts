/** Maps Node socket/TLS errors to the typed WinRM failures. */
import { HostUnreachableError, TlsMismatchError, WinrmTimeoutError, type WinrmError } from '../errors.js';

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

/** Failures of the TCP connect itself: nothing was sent. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

export function classifyNetworkError(endpoint: string, err: Error, reusedSocket = false): WinrmError & { staleSocket?: boolean } {
  const code = (err as { code?: string }).code ?? '';
  if (err.name === 'TlsPinError' || TLS_CODES.test(code)) return new TlsMismatchError(endpoint, err.message, { cause: err });
  if (code === 'WINRM_DEADLINE') return new WinrmTimeoutError(endpoint, `operation timed out: ${err.message}`, { cause: err });
  const e = new HostUnreachableError(endpoint, err.name === 'ConnectTimeoutError' ? err.message : `${code || err.name}: ${err.message}`, { cause: err }) as HostUnreachableError & { staleSocket?: boolean };
  if (err.name === 'ConnectTimeoutError' || CONNECT_CODES.has(code)) e.transient = true;
  // ECONNRESET / "socket hang up" on a reused keep-alive socket: the server closed it while idle.
  if (reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE' || err.message === 'socket hang up')) e.staleSocket = true;
  return e;
}
