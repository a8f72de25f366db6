import { inScope, type Scope } from '@custos/db';
import { database } from '../db.js';

export interface ReportArtefact {
  name: string;
  sha256: string;
  objectKey: string;
  versionId: string;
}

export interface ReportRow {
  id: string;
  siteId: string;
  clientId: string;
  createdAt: string;
  finishedAt: string | null;
  bundleSha256: string;
  artefacts: ReportArtefact[];
}

interface Raw {
  id: string;
  site_id: string;
  client_id: string;
  created_at: Date;
  finished_at: Date | null;
  bundle_sha256: string;
  artefacts: unknown;
}

const row = (r: Raw): ReportRow => ({
  id: r.id,
  siteId: r.site_id,
  clientId: r.client_id,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  bundleSha256: r.bundle_sha256,
  artefacts: Array.isArray(r.artefacts) ? (r.artefacts as ReportArtefact[]) : [],
});

/** Compliance packets recorded as evidence (kind `report`), newest first, in scope. */
export async function listReports(scope: Scope, limit = 100): Promise<ReportRow[]> {
  const rows = await database().selectFrom('evidence_index').selectAll().where('kind', '=', 'report' as never).where(inScope(scope, 'evidence_index')).orderBy('created_at', 'desc').limit(limit).execute();
  return (rows as unknown as Raw[]).map(row);
}

export async function getReport(scope: Scope, id: string): Promise<ReportRow | undefined> {
  const r = await database().selectFrom('evidence_index').selectAll().where('id', '=', id).where('kind', '=', 'report' as never).where(inScope(scope, 'evidence_index')).executeTakeFirst();
  return r ? row(r as unknown as Raw) : undefined;
}
