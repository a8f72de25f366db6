import type { Kysely } from 'kysely';
import { connectDatabase, type Database } from '@custos/db';
import { webConfig } from './config.js';

let db: Kysely<Database> | undefined;

/**
 * The dashboard's own read connection, for what the API does not serve yet (heals, the evidence
 * index, trends). Every query goes through a scoped repository or `inScope` with the user's scope.
 */
export function database(): Kysely<Database> {
  db ??= connectDatabase(webConfig().databaseUrl, { max: 4 });
  return db;
}
