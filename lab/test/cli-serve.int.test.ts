/**
 * `custos lab serve` as an operator runs it: one JSON line per host on stdout, hosts reachable with the printed
 * credentials, drift through `custos lab drift`, state kept under the state dir, clean stop on SIGINT.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { WinrmClient } from '@custos/winrm';

const run = promisify(execFile);
const MAIN = join(import.meta.dirname, '../../cli/src/main.ts');
const TSX = join(import.meta.dirname, '../../node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'custos-lab-cli-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custos lab serve', () => {
  it('prints one JSON line per host and serves them until SIGINT', async () => {
    const child = spawn(TSX, [MAIN, 'lab', 'serve', '--hosts', '3', '--kinds', 'dc,server,workstation', '--seed', '11', '--state-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Record<string, unknown>[] = [];
    const rl = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      rl.on('line', (l) => {
        lines.push(JSON.parse(l) as Record<string, unknown>);
        if (lines.length === 3) resolve();
      });
      child.once('exit', (code) => reject(new Error(`lab serve exited ${code} early`)));
    });
    try {
      expect(lines.map((l) => [l.name, l.kind, l.transport])).toEqual([
        ['DC01', 'dc', 'ntlm-http'],
        ['FS01', 'server', 'ntlm-http'],
        ['WS001', 'workstation', 'ntlm-http'],
      ]);
      const ws = lines[2] as { address: string; ports: { http: number }; credentials: { username: string; password: string } };
      const client = new WinrmClient();
      expect((await client.runCommand({ host: ws.address, port: ws.ports.http, transport: 'ntlm-http', ...ws.credentials }, 'hostname')).stdout).toBe('WS001\r\n');
      client.close();
      const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8')) as { address: string; adminPort: number };
      const admin = `http://${site.address}:${site.adminPort}`;
      const drift = await run(TSX, [MAIN, 'lab', 'drift', 'WS001', '/defender/realTimeProtectionEnabled', 'false', '--admin', admin]);
      expect(drift.stdout).toContain('WS001: /defender/realTimeProtectionEnabled = false');
      const state = JSON.parse(readFileSync(join(dir, 'hosts', 'WS001.json'), 'utf8')) as { defender: { realTimeProtectionEnabled: boolean } };
      expect(state.defender.realTimeProtectionEnabled).toBe(false);
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  }, 60_000);
});
