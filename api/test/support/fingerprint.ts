import { sql, type Kysely } from 'kysely';
import type { Database } from '@custos/db';

const TABLES = [
  'partners',
  'clients',
  'sites',
  'hosts',
  'users',
  'memberships',
  'auditor_grants',
  'oidc_providers',
  'appliances',
  'enrolment_codes',
  'host_credentials',
  'runbook_settings',
  'findings',
  'approvals',
  'heals',
  'notification_channels',
];

/** A digest of every tenant table's rows: equal before and after means nothing was written. */
export async function fingerprint(db: Kysely<Database>): Promise<string> {
  const parts = TABLES.map((t) => sql`(select coalesce(md5(string_agg(x::text, '|' order by x::text)), '-') from ${sql.table(t)} x)`);
  const r = await sql<{ digest: string }>`select concat_ws(',', ${sql.join(parts)}) as digest`.execute(db);
  return r.rows[0]!.digest;
}

export async function refusedAuditCount(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
  return Number(r.n);
}
