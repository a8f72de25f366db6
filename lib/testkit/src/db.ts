import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { stackEndpoints } from './stack.js';

export interface TestDatabase {
  /** Connection URL of a fresh, empty database on the stack's PostgreSQL server. */
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

function serverUrl(database: string): string {
  const url = new URL(stackEndpoints().postgres.databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database per test file (`custos_test_<label>_<random>`), on the real server. */
export async function createTestDatabase(label = 't'): Promise<TestDatabase> {
  const name = `custos_test_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomUUID().slice(0, 8)}`;
  await admin((c) => c.query(`create database "${name}"`));
  return {
    url: serverUrl(name),
    name,
    drop: () =>
      admin(async (c) => {
        await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        await c.query(`drop database if exists "${name}"`);
      }),
  };
}
