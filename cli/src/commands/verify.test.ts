import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '@custos/evidence';
import { writeKitDirectory } from '@custos/evidence/node';
import { buildScenarioKit, KEYS, offlineOtsProof } from '../../../lib/evidence/test/kit-scenario.js';

// Runs the real `custos` entry point in a child process, as an auditor would.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
const main = path.join(repo, 'cli/src/main.ts');

function custos(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, [main, ...args], { cwd: repo, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let kit: string;
let tampered: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'custos-verify-'));
  const files = await buildScenarioKit({
    sites: [{ tenant: 'tenant-0001', site: 'site-0001', bundles: 30, checkpointEvery: 10, historyEvery: 10 }],
    anchors: { ots: offlineOtsProof },
  });
  kit = path.join(dir, 'kit');
  tampered = path.join(dir, 'tampered');
  await writeKitDirectory(kit, files);
  await writeKitDirectory(tampered, files);
  const victim = [...files.keys()].find((p) => p.includes('/envelopes/12-'))!;
  const bytes = files.get(victim)!.slice();
  bytes[100]! ^= 1;
  await writeFile(path.join(tampered, victim), bytes);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('custos verify', { timeout: 90_000 }, () => {
  it('exits 0 on a good kit and prints the per-site report', async () => {
    const r = await custos('verify', kit, '--trust-root', keyIdOf(KEYS.root.publicKey));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('site     tenant-0001/site-0001: 30/30 bundles verified, 3 artefacts, checkpoint 30, 30 anchored by');
    expect(r.stdout).toMatch(/anchor {3}3: Bitcoin block 900001 \([0-9a-f]{64}\)/);
    expect(r.stdout).toMatch(/^OK {7}\d+ files checked, no failures$/m);
    expect(r.stderr).toContain('verify: bundles…');
  });

  it('exits 1 and names the tampered envelope', async () => {
    const r = await custos('verify', tampered, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {5}sites\/tenant-0001\/site-0001\/envelopes\/12-[0-9a-f]{64}\.dsse\.json: content SHA-256 .* \[envelope-digest\]$/m);
    expect(r.stderr).toBe('');
  });

  it('prints JSON with --json', async () => {
    const r = await custos('verify', tampered, '--json', '--quiet');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; failures: { code: string }[] };
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.code)).toContain('envelope-digest');
  });

  it('exits 2 when the path is not a directory', async () => {
    const r = await custos('verify', path.join(dir, 'nope'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a directory/);
  });

  it('exits 2 when the directory is not a kit', async () => {
    const r = await custos('verify', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an auditor kit/);
  });

  it('exits 2 on bad arguments', async () => {
    const r = await custos('verify', kit, '--trust-root', 'xyz');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--trust-root needs a key id/);
  });
});
