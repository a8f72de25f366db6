/**
 * Waits until `url` answers (any HTTP status below 500), so `npm start` prints addresses that work.
 * `signal` ends the wait early (Ctrl-C during start-up).
 */
export async function waitForHttp(url: string, what: string, signal: AbortSignal, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    signal.throwIfAborted();
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s (${last})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
