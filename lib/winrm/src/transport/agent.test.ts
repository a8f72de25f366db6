/**
 * The connection under the NTLM session, against a minimal local HTTP/1.1 server that records what arrives on
 * which socket: requests dispatched together are pipelined, and a request bound to a socket generation is never
 * written on another socket.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HostConnection, SocketChangedError } from './agent.js';

interface Received {
  socket: number;
  body: string;
}

/** `answer(n, socketRequests)` is called once a request is complete; it returns the responses to write now. */
async function httpServer(answer: (received: Received[], onSocket: Received[]) => { status: number; body: string; close?: boolean }[]): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  let sockets = 0;
  const server = createServer((socket: Socket) => {
    const id = ++sockets;
    const mine: Received[] = [];
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const r = { socket: id, body: buf.slice(end + 4, end + 4 + length) };
        buf = buf.slice(end + 4 + length);
        received.push(r);
        mine.push(r);
        for (const res of answer(received, mine)) {
          socket.write(`HTTP/1.1 ${res.status} OK\r\nContent-Length: ${res.body.length}\r\n${res.close ? 'Connection: close\r\n' : ''}\r\n${res.body}`);
          if (res.close) socket.end();
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port, received };
}

const open: { conn: HostConnection; server: Server }[] = [];
afterEach(async () => {
  for (const { conn, server } of open.splice(0)) {
    conn.destroy();
    await new Promise((r) => server.close(r));
  }
});

function connect(server: Server, port: number): HostConnection {
  const conn = new HostConnection({ host: '127.0.0.1', port, tls: undefined, connectTimeoutMs: 2000, path: '/wsman' });
  open.push({ conn, server });
  return conn;
}

describe('HostConnection', () => {
  it('pipelines requests sent together: the second is on the wire before the first is answered', async () => {
    // The server answers nothing until it holds both requests: without pipelining this would never finish.
    const { server, port, received } = await httpServer((_all, mine) =>
      mine.length === 2 ? mine.map((r) => ({ status: 200, body: `re:${r.body}` })) : [],
    );
    const conn = connect(server, port);
    const [a, b] = await Promise.all([
      conn.exchange({}, Buffer.from('signal'), 2000, { resendable: true }),
      conn.exchange({}, Buffer.from('command'), 2000, { resendable: false }),
    ]);
    expect([a.body.toString(), b.body.toString()]).toEqual(['re:signal', 're:command']);
    expect(received.map((r) => r.socket)).toEqual([1, 1]);
    expect(a.generation).toBe(b.generation);
  });

  it('refuses, unwritten, a request bound to a socket that was replaced; the next one goes out on a new generation', async () => {
    // The first answer closes the connection, as a server dropping an idle or broken connection would.
    const { server, port, received } = await httpServer((all) => [{ status: 200, body: 'ok', close: all.length === 1 }]);
    const conn = connect(server, port);
    const first = await conn.exchange({}, Buffer.from('handshake'), 2000, { resendable: true });
    await expect(conn.exchange({}, Buffer.from('sealed for the old socket'), 2000, { generation: first.generation, resendable: true })).rejects.toBeInstanceOf(SocketChangedError);
    const next = await conn.exchange({}, Buffer.from('handshake again'), 2000, { resendable: true });
    // (undici closes the socket it refused the request on, so this may be a generation further still.)
    expect(next.generation).toBeGreaterThan(first.generation);
    expect(received.map((r) => r.body)).toEqual(['handshake', 'handshake again']);
  });
});
