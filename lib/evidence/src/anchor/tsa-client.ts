import { buildTimestampRequest } from '../rfc3161/request.js';
import { sha256 } from '../hash.js';
import { TimestampError, verifyTimestampResponse } from '../rfc3161/verify.js';
import type { TimestampVerification } from '../rfc3161/verify.js';
import { AnchorHttpError, boundedFetch } from './http.js';
import type { FetchLike } from './http.js';

export interface TsaClientOptions {
  readonly url: string;
  /** DER root certificates the response must chain to; a response that does not verify is refused. */
  readonly trustedRoots: readonly Uint8Array[];
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

export interface StampedTimestamp {
  /** The TimeStampResp exactly as received: what gets stored (`anchors/<size>.tsr`). */
  readonly response: Uint8Array;
  readonly verification: TimestampVerification;
}

const MAX_RESPONSE = 64 * 1024;

/** Gets an RFC 3161 token for `data` over HTTP and verifies it (imprint, nonce, signature, chain) before returning it. */
export async function requestTimestamp(data: Uint8Array, options: TsaClientOptions): Promise<StampedTimestamp> {
  const request = buildTimestampRequest(sha256(data));
  const res = await boundedFetch(
    options.url,
    { method: 'POST', headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' }, body: request.der.slice().buffer },
    { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: MAX_RESPONSE, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
  if (res.status !== 200) throw new AnchorHttpError(options.url, `TSA answered HTTP ${res.status}`, res.status);
  if (res.contentType !== 'application/timestamp-reply') {
    throw new AnchorHttpError(options.url, `TSA answered ${res.contentType || 'no content type'}, expected application/timestamp-reply`, res.status);
  }
  try {
    const verification = await verifyTimestampResponse(res.body, { data, trustedRoots: options.trustedRoots, nonce: request.nonce });
    return { response: res.body, verification };
  } catch (err) {
    if (err instanceof TimestampError) throw new TimestampError(`${options.url}: ${err.message}`);
    throw err;
  }
}
