import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { EvidenceEntry } from '../tables/operations.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

/** Indexes a stored evidence bundle (idempotent per site and digest). */
export async function indexEvidence(
  db: Db,
  scope: Scope,
  input: { siteId: string; kind: EvidenceEntry['kind']; bundleSha256: string; objectKey: string; logIndex: string | null },
): Promise<EvidenceEntry | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  await db
    .insertInto('evidence_index')
    .values({
      partner_id: site.partner_id,
      client_id: site.client_id,
      site_id: site.id,
      kind: input.kind,
      bundle_sha256: input.bundleSha256,
      object_key: input.objectKey,
      log_index: input.logIndex,
    })
    .onConflict((oc) => oc.columns(['site_id', 'bundle_sha256']).doNothing())
    .execute();
  return db
    .selectFrom('evidence_index')
    .selectAll()
    .where('site_id', '=', site.id)
    .where('bundle_sha256', '=', input.bundleSha256)
    .where(inScope(scope, 'evidence_index'))
    .executeTakeFirst();
}

export function listEvidence(db: Db, scope: Scope, filter: { siteId: string; limit: number }): Promise<EvidenceEntry[]> {
  return db
    .selectFrom('evidence_index')
    .selectAll()
    .where('site_id', '=', filter.siteId)
    .where(inScope(scope, 'evidence_index'))
    .orderBy('created_at', 'desc')
    .limit(filter.limit)
    .execute();
}
