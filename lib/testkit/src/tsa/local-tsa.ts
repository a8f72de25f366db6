import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTsaCertificates, openssl, tsaConfig } from './openssl-ca.js';
import type { TsaCertificates } from './openssl-ca.js';

/** What the next responses should do instead of answering honestly (for client failure tests). */
export type TsaFault = 'http-500' | 'wrong-content-type' | 'garbage' | 'oversized' | 'hang';

export interface LocalTsa extends TsaCertificates {
  /** POST RFC 3161 TimeStampReq here (Content-Type application/timestamp-query). */
  readonly url: string;
  readonly dir: string;
  /** Requests answered so far. */
  requests(): number;
  setFault(fault: TsaFault | undefined): void;
  close(): Promise<void>;
}

const MAX_QUERY = 16 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_QUERY) throw new Error('query too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A real RFC 3161 time-stamping authority for tests: `openssl ts -reply` behind an HTTP endpoint on
 * 127.0.0.1, with a throwaway CA generated at start. Requests are answered one at a time because
 * openssl's serial file is not safe for concurrent writers.
 */
export async function startLocalTsa(options: { name?: string } = {}): Promise<LocalTsa> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custos-tsa-'));
  const certs = await createTsaCertificates(dir, options.name ?? 'Custos Test TSA');
  await writeFile(path.join(dir, 'tsa.cnf'), tsaConfig(dir));
  await writeFile(path.join(dir, 'tsaserial'), '01\n');
  let answered = 0;
  let counter = 0;
  let fault: TsaFault | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const reply = async (query: Buffer): Promise<Buffer> => {
    const id = ++counter;
    const q = path.join(dir, `q${id}.tsq`);
    const r = path.join(dir, `r${id}.tsr`);
    await writeFile(q, query);
    await openssl(['ts', '-reply', '-queryfile', q, '-config', path.join(dir, 'tsa.cnf'), '-section', 'tsa_config1', '-out', r], dir);
    const out = await readFile(r);
    await Promise.all([rm(q), rm(r)]);
    return out;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('POST a timestamp query');
      return;
    }
    if (req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(415, { 'content-type': 'text/plain' }).end('expected application/timestamp-query');
      return;
    }
    const query = await readBody(req);
    if (fault === 'hang') return; // never answers: the client's timeout must fire
    if (fault === 'http-500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('TSA unavailable');
      return;
    }
    if (fault === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from('not DER at all'));
      return;
    }
    if (fault === 'oversized') {
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.alloc(300 * 1024, 0x30));
      return;
    }
    const job = queue.then(() => reply(query));
    queue = job.catch(() => undefined);
    let body: Buffer;
    try {
      body = await job;
    } catch (err) {
      // openssl refuses malformed queries; RFC 3161 would answer status "rejection", HTTP 400 is enough here.
      res.writeHead(400, { 'content-type': 'text/plain' }).end((err as Error).message);
      return;
    }
    answered++;
    res.writeHead(200, { 'content-type': fault === 'wrong-content-type' ? 'text/html' : 'application/timestamp-reply' }).end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    ...certs,
    url: `http://127.0.0.1:${port}/tsr`,
    dir,
    requests: () => answered,
    setFault: (f) => {
      fault = f;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
