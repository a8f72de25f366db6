/** A real HTTPS server standing in for webhook and chat receivers: scripted statuses per path, every request recorded. */
import { createServer, type Server } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpsReceiver {
  readonly port: number;
  readonly received: ReceivedRequest[];
  /** Answers for a path, used in order; the last one repeats. Default 200. */
  answer(path: string, ...replies: { status: number; body?: string; headers?: Record<string, string> }[]): void;
  url(host: string, path: string): string;
  /** Resolves every name to 127.0.0.1 (so public-looking hosts reach this server). */
  readonly lookup: LookupFunction;
  close(): Promise<void>;
}

export async function startHttpsReceiver(tls: { certPem: string; keyPem: string }): Promise<HttpsReceiver> {
  const received: ReceivedRequest[] = [];
  const scripts = new Map<string, { status: number; body?: string; headers?: Record<string, string> }[]>();
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') });
      const queue = scripts.get(path) ?? [];
      const reply = (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 200, body: 'ok' };
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };
  return {
    port,
    received,
    answer: (path, ...replies) => scripts.set(path, replies),
    url: (host, path) => `https://${host}:${port}${path}`,
    lookup,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
