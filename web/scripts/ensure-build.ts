/**
 * Builds the dashboard (`vite build` → web/build) unless the build already matches its inputs.
 * The inputs are fingerprinted (path, size, mtime of web sources and of the workspace packages it
 * bundles), so repeated test runs reuse one build. Run under `flock` so parallel test files build
 * once: `flock /tmp/custos-web-build.lock npx tsx web/scripts/ensure-build.ts`.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const root = path.join(web, '..');
const STAMP = path.join(web, 'build', '.inputs-sha256');
const INPUTS = ['web/src', 'web/svelte.config.js', 'web/vite.config.ts', 'web/package.json', 'lib/core/src', 'lib/db/src', 'lib/evidence/src', 'lib/runtime/src/codec', 'runbooks/src', 'package-lock.json'];

function walk(p: string, out: string[]): void {
  if (!existsSync(p)) return;
  const s = statSync(p);
  if (s.isDirectory()) for (const n of readdirSync(p).sort()) walk(path.join(p, n), out);
  else out.push(`${path.relative(root, p)}\t${s.size}\t${s.mtimeMs}`);
}

export function inputsFingerprint(): string {
  const lines: string[] = [];
  for (const i of INPUTS) walk(path.join(root, i), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function run(): void {
  const want = inputsFingerprint();
  const have = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (have === want && existsSync(path.join(web, 'build', 'handler.js'))) {
    console.log('web: build is up to date');
    return;
  }
  console.log('web: building the dashboard (vite build)…');
  // The web package's own vite (7), whichever copy npm hoisted.
  const vite = path.join(path.dirname(createRequire(path.join(web, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  // Under tsx: SvelteKit loads the server build to analyse it, and @custos/runbooks stays external TypeScript.
  execFileSync(process.execPath, ['--import', 'tsx', vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  writeFileSync(STAMP, `${want}\n`);
}

run();
