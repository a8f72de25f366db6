import { sql, type Kysely } from 'kysely';

/**
 * Keyset cursors carry their row's timestamp as a JavaScript Date, which holds milliseconds, while
 * timestamptz keeps microseconds. Rows written by one statement share a `now()` such as
 * 12:00:00.123456; a cursor reads it back as .123, every one of those rows compares greater than the
 * cursor whatever its id, and the next page repeats them (a 1,000-site fleet listed 200 at a time
 * served duplicates). The columns pages are keyed on keep milliseconds, so a cursor names its row
 * exactly; PostgreSQL rounds existing values once, here.
 */
const KEYS = [
  ['sites', 'created_at'],
  ['findings', 'observed_at'],
  ['approvals', 'requested_at'],
  ['heals', 'started_at'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of KEYS) await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type timestamptz(3)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of KEYS) await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type timestamptz`.execute(db);
}
