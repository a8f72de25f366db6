import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** Lines a user sees on stderr, without progress chatter. */
const problems = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('custos stack:'));

describe('custos stack (against the running stack)', () => {
  it('status reports every service as up', async () => {
    const r = await runCli(['stack', 'status']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['temporal', 'postgres', 's3']);
    for (const line of lines) expect(line).toMatch(/\s(running|external)\s/);
  });

  it('up again is idempotent and reuses what runs', async () => {
    const r = await runCli(['stack', 'up']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/starting/);
  });

  it('says in one line when DATABASE_URL points nowhere, and exits non-zero', async () => {
    const r = await runCli(['stack', 'up'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/custos' });
    expect(r.code).toBe(1);
    expect(problems(r.stderr)).toEqual([
      expect.stringMatching(/^custos stack: postgres: DATABASE_URL points at 127\.0\.0\.1:1\/custos, which does not answer: .*ECONNREFUSED/),
    ]);
  });

  it('names a malformed variable and exits 2', async () => {
    const r = await runCli(['stack', 'status'], { TEMPORAL_ADDRESS: 'not-an-address' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('custos stack: config: TEMPORAL_ADDRESS must be host:port (for example 127.0.0.1:7233), got "not-an-address"');
  });
});

describe('custos stack up with a port already taken', () => {
  let blocker: net.Server;
  let port: number;
  let stackDir: string;

  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as net.AddressInfo).port;
    stackDir = mkdtempSync(path.join(os.tmpdir(), 'custos-stack-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(stackDir, { recursive: true, force: true });
  });

  it('prints one line naming the port and the setting, starts nothing, exits 1', async () => {
    const r = await runCli(['stack', 'up'], { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, CUSTOS_STACK_DIR: stackDir });
    expect(r.code).toBe(1);
    expect(problems(r.stderr)).toEqual([
      `custos stack: temporal: port 127.0.0.1:${port} is already in use by another process (change TEMPORAL_ADDRESS)`,
    ]);
    expect(existsSync(path.join(stackDir, 'pids'))).toBe(true);
    expect(existsSync(path.join(stackDir, 'pids', 'temporal.pid'))).toBe(false);
    expect(existsSync(path.join(stackDir, 'venv'))).toBe(false);
  });
});
