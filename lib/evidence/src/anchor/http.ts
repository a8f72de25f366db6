// Bounded HTTP for anchoring clients: a timeout on the whole exchange and a hard cap on the body,
// read incrementally so an oversized answer is refused before it is buffered (the npm OTS client's
// cap never worked). Uses the platform fetch, so it runs in Node and browsers alike.

export class AnchorHttpError extends Error {
  override readonly name = 'AnchorHttpError';
  constructor(
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${url}: ${message}`);
  }
}

export interface BoundedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export async function boundedFetch(
  url: string,
  init: RequestInit,
  limits: { timeoutMs: number; maxBytes: number; fetch?: FetchLike },
): Promise<BoundedResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let res: Response;
    try {
      res = await (limits.fetch ?? fetch)(url, { ...init, signal: controller.signal, redirect: 'error' });
    } catch (err) {
      throw new AnchorHttpError(url, controller.signal.aborted ? `no answer within ${limits.timeoutMs} ms` : `request failed (${(err as Error).message})`);
    }
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > limits.maxBytes) {
      await res.body?.cancel();
      throw new AnchorHttpError(url, `response of ${declared} bytes exceeds the ${limits.maxBytes}-byte limit`, res.status);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.length;
          if (size > limits.maxBytes) {
            await reader.cancel();
            throw new AnchorHttpError(url, `response exceeds the ${limits.maxBytes}-byte limit`, res.status);
          }
          chunks.push(value);
        }
      } catch (err) {
        if (err instanceof AnchorHttpError) throw err;
        throw new AnchorHttpError(url, controller.signal.aborted ? `no complete answer within ${limits.timeoutMs} ms` : `reading the response failed (${(err as Error).message})`);
      }
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      body.set(c, offset);
      offset += c.length;
    }
    return { status: res.status, contentType: (res.headers.get('content-type') ?? '').split(';')[0]!.trim(), body };
  } finally {
    clearTimeout(timer);
  }
}
