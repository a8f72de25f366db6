#!/usr/bin/env node
// Entry point of `npm start` / `npm test` / `npm run stack:*` on a fresh clone: it must run with
// nothing installed, so it uses Node built-ins only. It installs dependencies when they are
// missing or stale, then hands over to the TypeScript CLI (or runs the test sequence).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(command, args, opts = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) {
    console.error(`custos: cannot run ${command}: ${r.error.message}`);
    return 1;
  }
  return r.status ?? (r.signal ? 128 : 1);
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale && existsSync(bin('tsx'))) return;
  console.error('custos: installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('custos: npm ci failed; see the output above');
    process.exit(1);
  }
}

/** The README's test command: lint, types, then every test (unit, integration, replay, browser). */
function testSequence(extraArgs) {
  const steps = [
    ['lint', bin('eslint'), ['--max-warnings=0', '.']],
    ['typecheck', bin('tsc'), ['-b']],
    // Code that also runs in the browser (page.evaluate) needs the DOM library the root project leaves out.
    ['typecheck (dashboard benchmark)', bin('tsc'), ['-p', 'bench/web/tsconfig.json']],
    ...(existsSync(path.join(root, 'web', 'package.json')) ? [['svelte-check', 'npm', ['run', '-w', 'web', 'check']]] : []),
    ['tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.stack/test-report.json', ...extraArgs]],
  ];
  for (const [name, command, args] of steps) {
    const started = Date.now();
    console.error(`\n== ${name}`);
    const code = run(command, args);
    console.error(`== ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (code !== 0) return code;
  }
  return 0;
}

/** Runs the CLI as a child and relays SIGINT/SIGTERM, so Ctrl-C reaches it and we wait for its clean exit. */
function handOver(args) {
  const child = spawn(process.execPath, [bin('tsx'), path.join(root, 'cli/src/main.ts'), ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

const [verb, ...rest] = process.argv.slice(2);
ensureInstalled();
if (verb === 'test') process.exit(testSequence(rest));
handOver([verb, ...rest]);
