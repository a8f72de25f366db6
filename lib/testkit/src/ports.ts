import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now, for a process a test starts (the OS picks it, so
 * parallel test files do not collide; a small window remains until the process binds it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
