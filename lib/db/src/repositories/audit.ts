import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { AuditEntry, AuditLogTable } from '../tables/audit.js';

type Db = Kysely<Database>;

export type AuditRecord = Omit<Insertable<AuditLogTable>, 'id' | 'at' | 'detail'> & { detail?: Record<string, unknown> };

/** Appends one entry. The table refuses updates and deletes (trigger), so this is the only write. */
export async function appendAudit(db: Db, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...entry, detail: JSON.stringify(entry.detail ?? {}) })
    .execute();
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export function listAudit(db: Db, scope: Scope, filter: { limit: number; before?: string; clientId?: string }): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().where(inScope(scope, 'audit_log'));
  if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}
