/**
 * The API under load, in its own process so the load generator does not share its event loop.
 * Prints {"port": n} once listening. Temporal is not needed by the endpoints measured.
 */
import { buildApp } from '@custos/api';
import { connectDatabase, CredentialKeyring } from '@custos/db';

async function run(): Promise<void> {
  const url = process.env['BENCH_DATABASE_URL'];
  if (!url) throw new Error('BENCH_DATABASE_URL is not set');
  const db = connectDatabase(url, { max: 10 });
  const app = await buildApp({
    db,
    keyring: new CredentialKeyring(new Uint8Array(32).fill(7)),
    workflows: {
      pendingPlan: () => Promise.reject(new Error('not used by the API benchmark')),
      decide: () => Promise.reject(new Error('not used by the API benchmark')),
      startScan: () => Promise.reject(new Error('not used by the API benchmark')),
      ensureSiteEntity: () => Promise.reject(new Error('not used by the API benchmark')),
      enableSiteSchedules: () => Promise.reject(new Error('not used by the API benchmark')),
      ensurePacketSchedule: () => Promise.reject(new Error('not used by the API benchmark')),
    },
    publicUrl: new URL('http://127.0.0.1'),
    allowInsecureOidcIssuer: false,
    authRateLimit: 10,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ port: Number(new URL(address).port) }));
  const stop = async () => {
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  // The parent asks for CPU time used so far: per-request CPU cost does not depend on how busy
  // the machine is, unlike latency.
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.(process.cpuUsage());
  });
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
