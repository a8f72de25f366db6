import type { MigrationResult } from 'kysely';
import { connectDatabase, listMigrations, migrateAllDown, migrateDown, migrateToLatest } from '@custos/db';

export type MigrateDirection = 'up' | 'down' | 'all-down' | 'status';

function describe(r: MigrationResult): string {
  return `${r.direction === 'Up' ? 'applied ' : 'reverted'} ${r.migrationName}${r.status === 'Success' ? '' : ` (${r.status})`}`;
}

/**
 * Runs migrations with kysely's Migrator against DATABASE_URL, one transaction per migration,
 * and prints what happened. Kept out of the API's start-up path on purpose (a failing migration
 * must not put a serving process into a restart loop).
 */
export async function runMigrations(databaseUrl: URL, direction: MigrateDirection, print: (line: string) => void): Promise<void> {
  const db = connectDatabase(databaseUrl, { max: 1 });
  try {
    if (direction === 'status') {
      for (const m of await listMigrations(db)) print(`${m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending                 '}  ${m.name}`);
      return;
    }
    const run = direction === 'up' ? migrateToLatest : direction === 'down' ? migrateDown : migrateAllDown;
    const results = await run(db);
    if (results.length === 0) print(direction === 'up' ? 'database is up to date' : 'nothing to revert');
    for (const r of results) print(describe(r));
  } finally {
    await db.destroy();
  }
}
