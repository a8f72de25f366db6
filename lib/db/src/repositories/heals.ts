import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { decodeCursor, toPage, type Page } from '../pagination.js';
import { inScope, type Scope } from '../scope.js';
import type { Heal, HealStatus, Tier } from '../tables/operations.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

/** Mirrors a heal workflow's state for listing; called by the central worker with a site scope. */
export async function mirrorHeal(
  db: Db,
  scope: Scope,
  input: { workflowId: string; runId: string | null; siteId: string; findingId: string | null; tier: Tier; status: HealStatus; finishedAt: Date | null },
): Promise<Heal | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  return db
    .insertInto('heals')
    .values({
      workflow_id: input.workflowId,
      run_id: input.runId,
      partner_id: site.partner_id,
      client_id: site.client_id,
      site_id: site.id,
      finding_id: input.findingId,
      tier: input.tier,
      status: input.status,
      finished_at: input.finishedAt,
    })
    .onConflict((oc) => oc.column('workflow_id').doUpdateSet({ run_id: input.runId, tier: input.tier, status: input.status, finished_at: input.finishedAt }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listHeals(db: Db, scope: Scope, filter: { siteId?: string; limit: number; cursor?: string }): Promise<Page<Heal>> {
  let q = db.selectFrom('heals').selectAll().where(inScope(scope, 'heals'));
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.cursor !== undefined) {
    const c = decodeCursor(filter.cursor);
    q = q.where(sql<boolean>`(started_at, workflow_id) < (${c.at}, ${c.id})`);
  }
  const rows = await q.orderBy('started_at', 'desc').orderBy('workflow_id', 'desc').limit(filter.limit + 1).execute();
  return toPage(rows, filter.limit, (r) => ({ at: r.started_at, id: r.workflow_id }));
}
