/** Maps Node socket/TLS errors to the typed WinRM failures. */
import { HostUnreachableError, TlsMismatchError, WinrmTimeoutError, type WinrmError } from '../errors.js';

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

/** Failures of the TCP connect itself: nothing was sent. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/** A reused socket failing this way was most likely closed by the server while idle. */
const STALE_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export function classifyNetworkError(endpoint: string, err: Error, reusedSocket = false): WinrmError & { staleSocket?: boolean } {
  const code = (err as { code?: string }).code ?? '';
  if (err.name === 'TlsPinError' || TLS_CODES.test(code)) return new TlsMismatchError(endpoint, err.message, { cause: err });
  if (code === 'WINRM_DEADLINE') return new WinrmTimeoutError(endpoint, `operation timed out: ${err.message}`, { cause: err });
  const e = new HostUnreachableError(endpoint, err.name === 'ConnectTimeoutError' ? err.message : `${code || err.name}: ${err.message}`, { cause: err }) as HostUnreachableError & { staleSocket?: boolean };
  if (err.name === 'ConnectTimeoutError' || CONNECT_CODES.has(code)) e.transient = true;
  // ECONNRESET / EPIPE / undici's "other side closed" (UND_ERR_SOCKET) on a reused keep-alive socket: the server
  // closed it while idle.
  if (reusedSocket && STALE_CODES.has(code)) e.staleSocket = true;
  return e;
}
