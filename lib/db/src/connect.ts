import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export interface ConnectOptions {
  /** Pool size; the API keeps it small on 2 cores. */
  max?: number;
}

/** A kysely handle over a pg pool. The caller owns it and must `destroy()` it on shutdown. */
export function connectDatabase(url: string | URL, options: ConnectOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: String(url), max: options.max ?? 10 });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
