/**
 * Progress of long CLI work on stderr (stdout stays the result): a redrawn bar on a terminal, one line
 * per phase otherwise (CI logs, pipes), nothing with --quiet.
 */
export interface ProgressReporter {
  update(phase: string, done: number, total: number): void;
  done(): void;
}

export function stderrProgress(label: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const tty = stream.isTTY === true;
  let lastPhase = '';
  let lastDraw = 0;
  return {
    update(phase, done, total) {
      if (!enabled) return;
      if (!tty) {
        if (phase !== lastPhase) stream.write(`${label}: ${phase}…\n`);
        lastPhase = phase;
        return;
      }
      const now = Date.now();
      if (phase === lastPhase && now - lastDraw < 100 && done < total) return;
      lastPhase = phase;
      lastDraw = now;
      const width = 30;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      stream.write(`\r${label}: ${phase.slice(0, 40).padEnd(40)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}\x1b[K`);
    },
    done() {
      if (enabled && tty && lastPhase) stream.write('\r\x1b[K');
    },
  };
}
