import { sql } from 'kysely';
import { inScope, listEvidence, type EvidenceEntry, type Scope } from '@custos/db';
import { database } from '../db.js';

export interface EvidenceLink {
  id: string;
  kind: EvidenceEntry['kind'];
  bundleSha256: string;
  objectKey: string;
  logIndex: string | null;
  createdAt: string;
}

const view = (e: EvidenceEntry): EvidenceLink => ({
  id: e.id,
  kind: e.kind,
  bundleSha256: e.bundle_sha256,
  objectKey: e.object_key,
  logIndex: e.log_index,
  createdAt: e.created_at.toISOString(),
});

/** A site's evidence index, newest first (scoped repository). */
export async function siteEvidence(scope: Scope, siteId: string, limit = 500): Promise<EvidenceLink[]> {
  return (await listEvidence(database(), scope, { siteId, limit })).map(view);
}

/**
 * Evidence about one workflow run: bundles whose idempotency key names the workflow, or whose
 * object key names the run (history exports store the history under histories/<runId>.json).
 */
export async function evidenceForRun(scope: Scope, siteId: string, workflowId: string, runId: string | null): Promise<EvidenceLink[]> {
  const rows = await database()
    .selectFrom('evidence_index')
    .selectAll()
    .where('site_id', '=', siteId)
    .where(inScope(scope, 'evidence_index'))
    .where((eb) =>
      eb.or([
        eb(sql<number>`position(${workflowId} in coalesce(request_key, ''))`, '>', 0),
        ...(runId ? [eb(sql<number>`position(${runId} in object_key)`, '>', 0), eb(sql<number>`position(${runId} in coalesce(request_key, ''))`, '>', 0)] : []),
      ]),
    )
    .orderBy('created_at')
    .limit(50)
    .execute();
  return rows.map(view);
}

/** The signed history bundle of a run, if the exporter has written one. */
export async function findHistoryEvidence(scope: Scope, siteId: string, workflowId: string, runId: string): Promise<EvidenceLink | null> {
  return (await evidenceForRun(scope, siteId, workflowId, runId)).find((e) => e.kind === 'history') ?? null;
}
