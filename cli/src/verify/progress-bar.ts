import type { Progress } from '@custos/evidence';

/**
 * Progress on stderr: a redrawn bar on a terminal, a line per phase otherwise (CI logs, pipes), so
 * stdout stays the report alone.
 */
export function progressBar(stream: NodeJS.WriteStream, enabled: boolean): { update(p: Progress): void; done(): void } {
  const tty = stream.isTTY === true;
  let lastPhase = '';
  let lastDraw = 0;
  return {
    update(p) {
      if (!enabled) return;
      if (!tty) {
        if (p.phase !== lastPhase) stream.write(`verify: ${p.phase}…\n`);
        lastPhase = p.phase;
        return;
      }
      const now = Date.now();
      if (p.phase === lastPhase && now - lastDraw < 100 && p.done < p.total) return;
      lastPhase = p.phase;
      lastDraw = now;
      const width = 30;
      const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const filled = Math.round(ratio * width);
      stream.write(`\r${p.phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${p.done}/${p.total}\x1b[K`);
    },
    done() {
      if (enabled && tty && lastPhase) stream.write('\r\x1b[K');
    },
  };
}
