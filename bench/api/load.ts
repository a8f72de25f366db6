import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

/**
 * Drives one endpoint on loopback with autocannon. `rate` fixes the offered load (requests/s over
 * all connections); without it autocannon sends as fast as the server answers. Each request
 * rotates through the tokens so partners' data is read in turn, not one cached page.
 */
export async function drive(opts: { port: number; path: string; tokens: string[]; seconds: number; connections: number; rate?: number }): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${opts.port}`,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.rate !== undefined && { overallRate: opts.rate }),
    requests: [
      {
        method: 'GET',
        path: opts.path,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${opts.tokens[n++ % opts.tokens.length]}` } }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
