import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '@custos/db';
import { createTestDatabase, freePort, stackEndpoints, type TestDatabase } from '@custos/testkit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));


describe('server.ts: listens from config and drains on SIGTERM', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('api_server');
    const db = connectDatabase(database.url, { max: 1 });
    await migrateToLatest(db);
    await db.destroy();
  });
  afterAll(async () => database?.drop());

  it('answers, finishes the request in flight after SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const { address, namespace } = stackEndpoints().temporal;
    // node with the tsx loader (not the tsx wrapper, which relays signals through a second process)
    const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}/api/src/server.ts`], {
      cwd: ROOT,
      env: { ...process.env, CUSTOS_ENV: 'test', DATABASE_URL: database.url, CUSTOS_API_PORT: String(port), TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 300) throw new Error(`server did not come up: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // argon2 makes sign-in take a while: the signal arrives once the server logged the request
    // as received, while its handler is still hashing.
    const inFlight = fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nobody@example.test', password: 'x' }) });
    for (let i = 0; !output.includes('"path":"/auth/sign-in"'); i++) {
      if (i > 500) throw new Error(`sign-in never reached the server: ${output}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(401);
    expect(await exited, output).toBe(0);
    expect(output).toContain('"closing"');
    expect(output).not.toContain('nobody@example.test');
  });
});
