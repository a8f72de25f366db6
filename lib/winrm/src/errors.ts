/**
 * Typed WinRM failures. Each carries a `failureType` from the core catalogue and whether retrying can help, so an
 * activity can rethrow it as `ApplicationFailure.create({ type: err.failureType, nonRetryable: !err.retryable })`.
 */
import { FailureType, NON_RETRYABLE_FAILURES } from '@custos/core';
import type { WsmanFault } from './wsman/faults.js';

export abstract class WinrmError extends Error {
  abstract readonly failureType: FailureType;
  /** The host (address:port) the failure is about. */
  readonly endpoint: string;
  /**
   * The request certainly did not reach the WinRM service (connect refused or timed out, bare HTTP 5xx), so
   * re-sending it cannot run anything twice. Only such failures are retried inside the client.
   */
  transient = false;

  constructor(endpoint: string, message: string, options?: { cause?: unknown }) {
    super(`${endpoint}: ${message}`, options);
    this.endpoint = endpoint;
  }

  get retryable(): boolean {
    return !NON_RETRYABLE_FAILURES.includes(this.failureType);
  }
}

export class HostUnreachableError extends WinrmError {
  override readonly name = 'HostUnreachableError';
  readonly failureType = FailureType.HostUnreachable;
}

export class AuthRefusedError extends WinrmError {
  override readonly name = 'AuthRefusedError';
  readonly failureType = FailureType.AuthRefused;
}

export class TlsMismatchError extends WinrmError {
  override readonly name = 'TlsMismatchError';
  readonly failureType = FailureType.TlsMismatch;
}

export class WinrmTimeoutError extends WinrmError {
  override readonly name = 'WinrmTimeoutError';
  readonly failureType = FailureType.WinrmTimeout;
}

export class ScriptError extends WinrmError {
  override readonly name = 'ScriptError';
  readonly failureType = FailureType.ScriptError;
  constructor(
    endpoint: string,
    message: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
    readonly stdout = '',
  ) {
    super(endpoint, message);
  }
}

export class WsmanFaultError extends WinrmError {
  override readonly name = 'WsmanFaultError';
  readonly failureType = FailureType.WinrmFault;
  readonly code: string;
  readonly subcode: string;
  readonly reason: string;
  readonly wsmanFaultCode: number | undefined;
  readonly wmiErrorCode: number | undefined;
  constructor(
    endpoint: string,
    readonly fault: WsmanFault,
    readonly httpStatus: number,
  ) {
    super(endpoint, `WS-Man fault ${fault.subcode || fault.code}${fault.wsmanFaultCode !== undefined ? ` (${fault.wsmanFaultCode})` : ''}: ${fault.reason || fault.wsmanMessage}`);
    this.code = fault.code;
    this.subcode = fault.subcode;
    this.reason = fault.reason;
    this.wsmanFaultCode = fault.wsmanFaultCode;
    this.wmiErrorCode = fault.wmiErrorCode;
  }
}

export class WinrmProtocolError extends WinrmError {
  override readonly name = 'WinrmProtocolError';
  readonly failureType = FailureType.WinrmFault;
}
