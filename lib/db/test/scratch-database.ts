import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh, uniquely named database on the server in DATABASE_URL (default: the local stack's
 * 127.0.0.1:5432), dropped by `drop()`. Stand-in until @custos/testkit's createTestDatabase lands.
 */
export async function createScratchDatabase(prefix = 'custos_db_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  admin.pathname = '/postgres';
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
