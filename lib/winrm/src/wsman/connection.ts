/**
 * Sends WS-Man operations over a host session and turns replies into parsed envelopes or typed errors: SOAP faults
 * become WsmanFaultError, a reply that does not relate to the request is a protocol error.
 */
import { HostUnreachableError, WinrmError, WinrmProtocolError, WsmanFaultError } from '../errors.js';
import type { WsmanHttpSession } from '../transport/http-session.js';
import { buildRequest, parseEnvelope, type ParsedEnvelope } from './envelope.js';
import { readFault } from './faults.js';
import { CMD_SHELL_URI } from './namespaces.js';

export interface WsmanLimits {
  /** Bytes; Windows default 512000 (500 KiB), pywinrm sends 153600. */
  maxEnvelopeSize: number;
  /** OperationTimeout sent in every request; Receive waits this long for output. */
  operationTimeoutSec: number;
  /** Extra time on top of OperationTimeout before the HTTP exchange is abandoned. */
  responseSlackMs: number;
}

export interface RetryPolicy {
  /** Total tries for a transient failure (the request certainly did not reach the service). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface Operation {
  action: string;
  body?: string;
  selectors?: Record<string, string>;
  options?: Record<string, string>;
  resourceUri?: string;
  /** May be re-sent on a stale keep-alive socket (no side effect if it is delivered twice). */
  idempotent: boolean;
}

export class WsmanConnection {
  constructor(
    readonly session: WsmanHttpSession,
    readonly limits: WsmanLimits,
    private readonly retry: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  ) {}

  get endpoint(): string {
    return this.session.endpoint;
  }

  /** Sends `op`; transient failures are retried with exponential backoff and jitter, nothing else is. */
  async invoke(op: Operation): Promise<ParsedEnvelope> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.invokeOnce(op);
      } catch (err) {
        if (!(err instanceof WinrmError) || !err.transient || attempt >= this.retry.attempts) throw err;
        const delay = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
      }
    }
  }

  private async invokeOnce(op: Operation): Promise<ParsedEnvelope> {
    const { xml, messageId } = buildRequest({
      to: this.session.url,
      action: op.action,
      resourceUri: op.resourceUri ?? CMD_SHELL_URI,
      body: op.body,
      selectors: op.selectors,
      options: op.options,
      maxEnvelopeSize: this.limits.maxEnvelopeSize,
      operationTimeoutSec: this.limits.operationTimeoutSec,
    });
    const reply = await this.session.post(xml, this.limits.operationTimeoutSec * 1000 + this.limits.responseSlackMs, { idempotent: op.idempotent });
    if (!/application\/soap\+xml/i.test(reply.contentType) || reply.body.trim() === '') {
      if (reply.status >= 500) {
        const err = new HostUnreachableError(this.endpoint, `HTTP ${reply.status} without a SOAP body: the WinRM service did not process the request`);
        err.transient = true;
        throw err;
      }
      throw new WinrmProtocolError(this.endpoint, `HTTP ${reply.status} with content type "${reply.contentType}" instead of a SOAP envelope`);
    }
    let env: ParsedEnvelope;
    try {
      env = parseEnvelope(reply.body, `${op.action.split('/').pop()} response`);
    } catch (err) {
      throw new WinrmProtocolError(this.endpoint, (err as Error).message, { cause: err });
    }
    const fault = readFault(env.body);
    if (fault) throw new WsmanFaultError(this.endpoint, fault, reply.status);
    if (reply.status !== 200) throw new WinrmProtocolError(this.endpoint, `HTTP ${reply.status} without a SOAP fault`);
    if (env.relatesTo && env.relatesTo.toLowerCase() !== messageId.toLowerCase()) {
      throw new WinrmProtocolError(this.endpoint, `response RelatesTo ${env.relatesTo} does not match request ${messageId}`);
    }
    return env;
  }
}
