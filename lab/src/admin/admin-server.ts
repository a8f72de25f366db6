/**
 * The lab's admin HTTP API (lab/README.md): host list, state read / drift (JSON Patch) / reset, faults, and the
 * remediation application log. JSON in and out; errors are JSON `{ "error": "..." }` with 400 or 404.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultsError, parseFaults } from '../host/faults.js';
import { StatePatchError } from '../state/patch.js';
import { StateError } from '../state/validate.js';
import type { LabSite } from '../site/lab-site.js';

export interface AdminServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text === '' ? 'null' : text);
  } catch {
    throw new HttpError(400, `request body is not JSON: ${text.slice(0, 80)}`);
  }
}

async function route(site: LabSite, req: IncomingMessage): Promise<[number, unknown]> {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/').replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  if (path === '/hosts' && method === 'GET') return [200, site.hosts()];
  const m = /^\/hosts\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) throw new HttpError(404, `no such admin resource: ${method} ${path}`);
  const name = m[1] as string;
  const sub = m[2] ?? '';
  try {
    site.host(name);
  } catch (err) {
    throw new HttpError(404, (err as Error).message);
  }
  const key = `${method} ${sub}`;
  switch (key) {
    case 'GET ':
      return [200, site.hosts().find((h) => h.name.toUpperCase() === name.toUpperCase())];
    case 'GET /state':
      return [200, site.state(name)];
    case 'PATCH /state':
      return [200, site.patchState(name, await readJsonBody(req))];
    case 'POST /state/reset':
      return [200, site.resetState(name)];
    case 'GET /faults':
      return [200, site.host(name).faults];
    case 'PUT /faults': {
      const faults = parseFaults(await readJsonBody(req));
      await site.setFaults(name, faults);
      return [200, faults];
    }
    case 'GET /applications':
      return [200, site.applications(name)];
    default:
      throw new HttpError(404, `no such admin resource: ${method} ${path}`);
  }
}

export function startAdminServer(site: LabSite, address: string, port: number): Promise<AdminServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(site, req)
      .then(([status, body]) => send(res, status, body))
      .catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : err instanceof StatePatchError || err instanceof StateError || err instanceof FaultsError ? 400 : 500;
        send(res, status, { error: (err as Error).message });
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      // A remembered port taken by something else: any free port will do (the URL is printed and saved).
      if (err.code === 'EADDRINUSE' && port !== 0) server.listen(0, address);
      else reject(err);
    });
    server.listen(port, address, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${address}:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body ?? null));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': data.length }).end(data);
}
