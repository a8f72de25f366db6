import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = path.join(WEB_ROOT, '..');

/** The production build the browser tests run against, rebuilt only when its inputs changed (serialised by flock). */
export function ensureWebBuild(): void {
  execFileSync('flock', ['/tmp/custos-web-build.lock', process.execPath, path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), path.join(WEB_ROOT, 'scripts', 'ensure-build.ts')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 600_000,
  });
}
