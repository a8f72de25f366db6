/**
 * Finding queries the scan and heal activities need beyond lib/db's repositories: the open finding
 * of a (host, check), resolving it, and marking a host seen. Every query is limited by the caller's
 * scope, like the repositories.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { inScope, type Database, type Finding, type Scope, type Severity } from '@custos/db';

type Db = Kysely<Database> | Transaction<Database>;

/** Serialises writers of one host's findings (concurrent scans of a site) for the transaction. */
export async function lockHost(trx: Transaction<Database>, hostId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`custos.findings.${hostId}`}, 0))`.execute(trx);
}

export function openFindings(db: Db, scope: Scope, hostId: string): Promise<Finding[]> {
  return db.selectFrom('findings').selectAll().where('host_id', '=', hostId).where('status', '=', 'open').where(inScope(scope, 'findings')).execute();
}

export function insertOpenFinding(
  db: Db,
  host: { id: string; partner_id: string; client_id: string; site_id: string },
  input: { checkId: string; controlIds: string[]; severity: Severity; summary: string; observedAt: Date },
): Promise<Finding> {
  return db
    .insertInto('findings')
    .values({
      partner_id: host.partner_id,
      client_id: host.client_id,
      site_id: host.site_id,
      host_id: host.id,
      check_id: input.checkId,
      control_ids: input.controlIds,
      severity: input.severity,
      status: 'open',
      summary: input.summary,
      observed_at: input.observedAt,
      resolved_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function resolveFindings(db: Db, scope: Scope, ids: readonly string[], resolvedAt: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('findings')
    .set({ status: 'resolved', resolved_at: resolvedAt })
    .where('id', 'in', [...ids])
    .where('status', '=', 'open')
    .where(inScope(scope, 'findings'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markHostSeen(db: Db, scope: Scope, hostId: string, at: Date): Promise<void> {
  await db.updateTable('hosts').set({ last_seen_at: at }).where('id', '=', hostId).where(inScope(scope, 'hosts')).execute();
}
