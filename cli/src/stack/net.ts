import net from 'node:net';

/** True when nothing accepts connections on host:port (a connect attempt is refused). */
export function isPortFree(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (free: boolean) => {
      socket.destroy();
      resolve(free);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED'));
  });
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Polls `probe` until it resolves truthy or the deadline passes; returns the last error otherwise. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<{ ok: true } | { ok: false; lastError: unknown }> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return { ok: true };
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) return { ok: false, lastError };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
