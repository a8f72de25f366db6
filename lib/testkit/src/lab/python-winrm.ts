/**
 * Set-up for running Debian's python3-winrm against the lab (conformance tests, the WinRM benchmark): makes sure Debian's python3-winrm is installed (installing it with apt
 * when missing, as root) and gives an environment whose OpenSSL config loads the legacy provider, which the
 * packaged ntlm_auth needs for MD4 (reference winrm.md §2.5).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's interpreter, where apt installs python3-winrm (a pyenv python3 on PATH would not see it). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

function canImport(): boolean {
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', 'import winrm, requests_ntlm, ntlm_auth'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ensurePythonWinrm(): void {
  if (!existsSync(DEBIAN_PYTHON)) throw new Error(`conformance: ${DEBIAN_PYTHON} is missing; this suite needs Debian's python3`);
  if (canImport()) return;
  if (process.getuid?.() !== 0) throw new Error('conformance: python3-winrm is not installed and this process is not root; run: apt-get install -y python3-winrm');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-winrm'], { stdio: 'ignore', env, timeout: 300_000 });
  if (!canImport()) throw new Error('conformance: apt-get installed python3-winrm but it still does not import');
}

/** An OpenSSL config activating the default and legacy providers (MD4 for NTOWF), for the test process only. */
export function legacyOpensslConf(): string {
  const dir = mkdtempSync(join(tmpdir(), 'custos-openssl-'));
  const path = join(dir, 'openssl-legacy.cnf');
  writeFileSync(
    path,
    [
      'openssl_conf = openssl_init',
      '[openssl_init]',
      'providers = provider_sect',
      '[provider_sect]',
      'default = default_sect',
      'legacy = legacy_sect',
      '[default_sect]',
      'activate = 1',
      '[legacy_sect]',
      'activate = 1',
      '',
    ].join('\n'),
  );
  return path;
}

export interface DriverConfig {
  endpoint: string;
  transport: 'ntlm' | 'basic' | 'ssl';
  username: string;
  password: string;
  /** PEM file to trust for HTTPS (the lab host's certificate). */
  ca_trust_path?: string;
  scenarios: string[];
}

/**
 * Runs a Python script with Debian's interpreter and the legacy OpenSSL config; `input` goes to stdin as JSON.
 * `ownSession` starts it in its own session (setsid): with the kernel's autogroup scheduling, each session gets an
 * equal CPU share whatever its thread count, which keeps benchmark comparisons fair on a shared machine.
 */
export function runPythonJson<T>(script: string, input: unknown, opensslConf: string, opts: { ownSession?: boolean } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(DEBIAN_PYTHON, [script], { env: { ...process.env, OPENSSL_CONF: opensslConf, PYTHONPATH: '' }, stdio: ['pipe', 'pipe', 'pipe'], detached: opts.ownSession === true });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${out.slice(0, 500)} ${err}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}
