import { listEvidence, type EvidenceEntry, type Scope } from '@custos/db';
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

/** The signed history bundle of a run, if the exporter has written one (its object key names the run). */
export async function findHistoryEvidence(scope: Scope, siteId: string, runId: string): Promise<EvidenceLink | null> {
  const entries = await listEvidence(database(), scope, { siteId, limit: 500 });
  const hit = entries.find((e) => e.kind === 'history' && e.object_key.includes(runId));
  return hit ? view(hit) : null;
}
