import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Kysely } from 'kysely';
import { buildApp, temporalGateway } from '@custos/api';
import { connectDatabase, CredentialKeyring, migrateToLatest, type Database } from '@custos/db';
import { connectTemporal, createTestDatabase, freePort, stackEndpoints, type TemporalTestConnections } from '@custos/testkit';

export { freePort };
import { ensureWebBuild, REPO_ROOT, WEB_ROOT } from './web-build.js';

export interface Platform {
  db: Kysely<Database>;
  keyring: CredentialKeyring;
  apiUrl: string;
  webUrl: string;
  databaseUrl: string;
  /** Client (with the encrypting data converter) and worker connections to the stack's Temporal. */
  temporal: TemporalTestConnections;
  /** Lines the dashboard process printed (for failure messages). */
  webLog: string[];
  close(): Promise<void>;
}


/** Starts the dashboard's production build as its own process (web/server/main.ts) and waits until it listens. */
export async function startWebProcess(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess; log: string[]; stop(): Promise<void> }> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), path.join(WEB_ROOT, 'server', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, CUSTOS_ENV: 'test', LOG_LEVEL: 'warn', CUSTOS_BIND_HOST: '127.0.0.1', CUSTOS_WEB_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        log.push(line);
        if (line.includes('listening on')) resolve();
      });
    }
    void exited.then((code) => reject(new Error(`the dashboard exited with ${code} before listening:\n${log.join('\n')}`)));
  });
  await Promise.race([listening, new Promise((_, reject) => setTimeout(() => reject(new Error(`the dashboard did not listen within 30 s:\n${log.join('\n')}`)), 30_000))]);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The real platform a browser test drives: a fresh migrated database on the stack's PostgreSQL, the
 * real API listening on a free port against the stack's Temporal, and the dashboard build as its
 * own process pointed at both. Everything started here is stopped by close().
 */
export async function startPlatform(label: string, opts: { webEnv?: NodeJS.ProcessEnv } = {}): Promise<Platform> {
  ensureWebBuild();
  const database = await createTestDatabase(`web_${label}`);
  const db = connectDatabase(database.url, { max: 5 });
  await migrateToLatest(db);
  const keyring = new CredentialKeyring(new Uint8Array(32).fill(9));
  const { address, namespace } = stackEndpoints().temporal;
  const temporal = await connectTemporal('custos-web-test');
  const api = await buildApp({
    db,
    keyring,
    // The gateway is gaining the encrypting data converter as a third parameter (api/ work in
    // progress); spreading a tuple keeps this call valid before and after that lands.
    workflows: temporalGateway(...([temporal.client.connection, namespace, temporal.dataConverter] as unknown as Parameters<typeof temporalGateway>)),
    publicUrl: new URL('http://127.0.0.1:3000'),
    allowInsecureOidcIssuer: true,
    authRateLimit: 10_000,
  });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const apiUrl = `http://127.0.0.1:${(api.server.address() as { port: number }).port}`;
  let web;
  try {
    web = await startWebProcess({ CUSTOS_WEB_API_URL: apiUrl, DATABASE_URL: database.url, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, ...opts.webEnv });
  } catch (err) {
    await api.close();
    await temporal.close();
    await db.destroy();
    await database.drop();
    throw err;
  }
  return {
    db,
    keyring,
    apiUrl,
    webUrl: web.url,
    databaseUrl: database.url,
    temporal,
    webLog: web.log,
    async close() {
      await web.stop();
      await api.close();
      await temporal.close();
      await db.destroy();
      await database.drop();
    },
  };
}
