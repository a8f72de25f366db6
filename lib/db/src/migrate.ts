import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationFailed extends Error {
  override readonly name = 'MigrationFailed';
  constructor(
    readonly results: readonly MigrationResult[],
    cause: unknown,
  ) {
    const failed = results.find((r) => r.status === 'Error');
    super(`migration ${failed?.migrationName ?? '(none ran)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db: db as Kysely<unknown>, provider: { getMigrations: async () => migrations } });
}

async function check(run: Promise<{ error?: unknown; results?: MigrationResult[] }>): Promise<MigrationResult[]> {
  const { error, results = [] } = await run;
  if (error !== undefined) throw new MigrationFailed(results, error);
  return results;
}

/** Applies every pending migration, each in its own transaction (kysely's Migrator). */
export function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  return check(migrator(db).migrateToLatest());
}

/** Reverts the most recent migration. */
export function migrateDown<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  return check(migrator(db).migrateDown());
}

/** Reverts every migration (an empty schema again). */
export function migrateAllDown<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  return check(migrator(db).migrateTo(NO_MIGRATIONS));
}

export async function listMigrations<DB>(db: Kysely<DB>): Promise<{ name: string; executedAt: Date | undefined }[]> {
  const all = await migrator(db).getMigrations();
  return all.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}
