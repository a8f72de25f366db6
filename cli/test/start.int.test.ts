/**
 * The README's first command: `custos start` (what `npm start` runs) against the running stack, as a
 * user runs it — its own process, on free ports — until it prints where to look; then every address
 * it printed answers, a printed sign-in works against the API, the lab is scanned on a Schedule, and
 * Ctrl-C stops what it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal, freePort, type TemporalTestConnections } from '@custos/testkit';

const root = path.join(import.meta.dirname, '../..');
const LAB_SITE = 'c0570500-1ab0-4000-8000-000000000001';


describe('custos start (npm start)', () => {
  let child: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let printed: string;
  let apiPort: number;
  let webPort: number;
  let temporal: TemporalTestConnections;
  let startedAt: string;

  beforeAll(async () => {
    [apiPort, webPort] = [await freePort(), await freePort()];
    startedAt = new Date().toISOString();
    temporal = await connectTemporal('custos-start-test');
    child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/tsx'), path.join(root, 'cli/src/main.ts'), 'start'], {
      cwd: root,
      env: { ...process.env, CUSTOS_API_PORT: String(apiPort), CUSTOS_WEB_PORT: String(webPort), CUSTOS_API_PUBLIC_URL: `http://127.0.0.1:${apiPort}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 280_000;
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (child.exitCode !== null) throw new Error(`custos start exited with ${child.exitCode} before it was up:\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`custos start was not up within 280 s:\n${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    printed = output.slice(output.indexOf('Custos is running.'));
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await temporal?.close();
  });

  it('prints the dashboard and API addresses, and both answer', async () => {
    expect(printed).toContain(`Dashboard       http://127.0.0.1:${webPort}`);
    expect(printed).toContain(`API             http://127.0.0.1:${apiPort}`);
    const spec = (await (await fetch(`http://127.0.0.1:${apiPort}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain('/auth/sign-in');
    const signIn = await fetch(`http://127.0.0.1:${webPort}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('Password');
  });

  it('prints demo sign-ins whose passwords the API accepts (next: authenticator enrolment)', async () => {
    const line = printed.split('\n').find((l) => l.includes('admin@lab.custos.test'));
    expect(line).toBeDefined();
    const [, email, password] = line!.trim().split(/\s+/);
    const good = await fetch(`http://127.0.0.1:${apiPort}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { stage: string }).stage).toMatch(/^totp_(setup|required)$/);
    const bad = await fetch(`http://127.0.0.1:${apiPort}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: `${password}x` }) });
    expect(bad.status).toBe(401);
  });

  it('proves the lab appliance is alive and scans the lab site on its Schedules', async () => {
    expect(printed).toMatch(/Proof of life\s+pingSite reached the lab appliance/);
    const client = temporal.client;
    for (const prefix of ['scan-servers', 'scan-workstations', 'discover']) {
      const d = await client.schedule.getHandle(`${prefix}:${LAB_SITE}`).describe();
      expect(d.state.paused, prefix).toBe(false);
    }
    // The servers Schedule was triggered once at start: that scan runs through the lab appliance.
    await expect
      .poll(async () => (await client.workflow.count(`WorkflowType = 'scanSite' AND CustosSiteId = '${LAB_SITE}' AND ExecutionStatus = 'Completed' AND StartTime > '${startedAt}'`)).count, { timeout: 120_000, interval: 2000 })
      .toBeGreaterThan(0);
  });

  it('stops what it started on Ctrl-C and exits 0', async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('custos start: stopping platform processes');
    await expect(fetch(`http://127.0.0.1:${apiPort}/openapi.json`)).rejects.toThrow();
    // The stack itself was already running (the test run brought it up), so it stays up.
    expect(output).not.toMatch(/custos start: stopped /);
  });
});
