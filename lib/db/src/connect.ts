import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export interface ConnectOptions {
  /** Pool size; the API keeps it small on 2 cores. */
  max?: number;
  /** An idle pooled connection died (server restart, network); the pool replaces it on next use. */
  onIdleError?: (err: Error) => void;
}

/**
 * A kysely handle over a pg pool. The caller owns it and must `destroy()` it on shutdown;
 * destroy resolves only once every connection has really closed.
 */
export function connectDatabase(url: string | URL, options: ConnectOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: String(url), max: options.max ?? 10 });
  const open = new Set<pg.PoolClient>();
  let ending = false;
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  // Without a listener, an idle connection's error would be an uncaught exception.
  pool.on('error', (err) => {
    if (!ending) (options.onIdleError ?? ((e) => console.warn(`database: idle connection failed: ${e.message}`)))(err);
  });
  // pool.end() resolves before its sockets have closed; a database dropped or a server stopped
  // right after would kill them mid-close. Wait for each connection's own end.
  const end = pool.end.bind(pool);
  pool.end = (async () => {
    ending = true;
    const closed = [...open].map((c) => new Promise((resolve) => c.once('end', resolve)));
    await end();
    await Promise.all(closed);
  }) as typeof pool.end;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
