import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { concatBytes, serializeTimestamp, sha256, toHex } from '@custos/evidence';
import type { OtsTimestamp } from '@custos/evidence';
import { mineBlock } from './chain.js';
import type { MinedBlock } from './chain.js';

/** Deliberate misbehaviour for client tests. */
export type CalendarFault = 'http-500' | 'oversized' | 'hang' | 'no-attestation' | 'wrong-root';

export interface LocalCalendar {
  /** Base URL; also the URI inside the pending attestations it issues. */
  readonly url: string;
  /** Bundles every pending commitment into a new block; returns its height. */
  mine(): number;
  /** 80-byte header of a mined block. */
  header(height: number): Uint8Array;
  /** Requests seen, as "METHOD path", for asserting what clients sent. */
  requests(): readonly string[];
  setFault(fault: CalendarFault | undefined): void;
  close(): Promise<void>;
}

const MAX_DIGEST = 64;

/**
 * An OpenTimestamps calendar on 127.0.0.1 implementing the HTTP API of reference/evidence.md §4.3:
 * POST /digest answers a pending proof (nonce, time, HMAC-like tag, PendingAttestation(url));
 * GET /timestamp/<hex commitment> answers 404 "Pending confirmation…" until mine() is called, then the
 * path to a BitcoinBlockHeaderAttestation; GET /block/<height>/header serves the block header (hex).
 */
export async function startLocalCalendar(options: { firstHeight?: number } = {}): Promise<LocalCalendar> {
  const pending: Uint8Array[] = [];
  const upgrades = new Map<string, OtsTimestamp>();
  const blocks = new Map<number, MinedBlock>();
  const seen: string[] = [];
  let height = options.firstHeight ?? 900_000;
  let prevHash: Uint8Array = new Uint8Array(32);
  let fault: CalendarFault | undefined;
  let url = '';

  const readBody = async (req: IncomingMessage): Promise<Buffer | undefined> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_DIGEST) return undefined;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  };

  const binary = (res: ServerResponse, body: Uint8Array, cache: string) =>
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': cache }).end(Buffer.from(body));
  const text = (res: ServerResponse, status: number, body: string) =>
    res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60' }).end(body);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    seen.push(`${req.method} ${path}`);
    if (fault === 'hang') return;
    if (fault === 'http-500') return text(res, 500, 'calendar unavailable');
    if (fault === 'oversized') return binary(res, new Uint8Array(20_000).fill(0x08), 'no-store');
    if (req.method === 'POST' && path === '/digest') {
      if (req.headers['content-length'] === undefined) return text(res, 400, 'missing Content-Length');
      const digest = await readBody(req);
      if (!digest) return text(res, 400, 'digest too long');
      const nonce = randomBytes(16);
      const time = new Uint8Array(4);
      new DataView(time.buffer).setUint32(0, Math.floor(Date.now() / 1000));
      const tag = randomBytes(8);
      const commitment = concatBytes(time, sha256(concatBytes(digest, nonce)), tag);
      pending.push(commitment);
      const end: OtsTimestamp =
        fault === 'no-attestation' ? { branches: [{ op: { kind: 'sha256' }, next: { branches: [{ attestation: { kind: 'unknown', tag: new Uint8Array(8), payload: new Uint8Array() } }] } }] } : { branches: [{ attestation: { kind: 'pending', uri: url } }] };
      const proof: OtsTimestamp = {
        branches: [{ op: { kind: 'append', arg: nonce }, next: { branches: [{ op: { kind: 'sha256' }, next: { branches: [{ op: { kind: 'prepend', arg: time }, next: { branches: [{ op: { kind: 'append', arg: tag }, next: end }] } }] } }] } }],
      };
      return binary(res, serializeTimestamp(proof), 'no-store');
    }
    const ts = /^\/timestamp\/(.*)$/.exec(path);
    if (req.method === 'GET' && ts) {
      const hex = ts[1]!;
      if (!/^([0-9a-f]{2})+$/.test(hex)) return text(res, 400, 'commitment is not hex');
      const upgrade = upgrades.get(hex);
      if (upgrade) {
        if (fault === 'wrong-root') return binary(res, serializeTimestamp({ branches: [{ op: { kind: 'append', arg: new Uint8Array([1]) }, next: upgrade }] }), 'no-store');
        return binary(res, serializeTimestamp(upgrade), 'public, max-age=31536000');
      }
      if (pending.some((c) => toHex(c) === hex)) return text(res, 404, 'Pending confirmation in Bitcoin blockchain');
      return text(res, 404, 'Not found');
    }
    const hdr = /^\/block\/(\d+)\/header$/.exec(path);
    if (req.method === 'GET' && hdr) {
      const block = blocks.get(Number(hdr[1]));
      return block ? text(res, 200, toHex(block.header)) : text(res, 404, 'Not found');
    }
    return text(res, 404, 'Not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    mine() {
      const h = height++;
      const block = mineBlock(pending.splice(0), h, prevHash, Math.floor(Date.now() / 1000));
      blocks.set(h, block);
      for (const [k, v] of block.upgrades) upgrades.set(k, v);
      prevHash = sha256(sha256(block.header));
      return h;
    },
    header(h) {
      const block = blocks.get(h);
      if (!block) throw new Error(`no block at height ${h}`);
      return block.header.slice();
    },
    requests: () => seen.slice(),
    setFault: (f) => {
      fault = f;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

