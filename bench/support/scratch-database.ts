import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database on the stack's PostgreSQL server for one benchmark run, named
 * `custos_bench_<label>_<random>`; drop() ends its connections and removes it.
 */
export async function scratchDatabase(serverUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `custos_bench_${label}_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: serverUrl.replace(/\/[^/]*$/, '/postgres') });
    await c.connect();
    try {
      await c.query(sql, params);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}"`);
  return {
    url: serverUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      await admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      await admin(`drop database if exists "${name}"`);
    },
  };
}
