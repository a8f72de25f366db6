import { execFileSync } from 'node:child_process';

/**
 * Makes sure Debian packages a test needs are installed (the tools are real: poppler for PDFs,
 * Chromium for the browser tests). Installs with apt as root when `present()` says they are
 * missing; anything else is a clear failure, never a skip.
 */
export function ensureDebianPackages(packages: string[], present: () => boolean): void {
  if (present()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${packages.join(', ')} and this process is not root; run: apt-get install -y ${packages.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Serialise with other test files installing at the same time (dpkg takes a lock and would fail).
  execFileSync('flock', ['/tmp/custos-apt.lock', 'sh', '-c', `apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends ${packages.join(' ')} >/dev/null`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 600_000,
  });
  if (!present()) throw new Error(`apt-get installed ${packages.join(', ')} but the tool is still not usable`);
}

/** True when `command` runs (exit status ignored) — for use as a `present()` probe. */
export function commandExists(command: string, args: string[] = ['-v']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
