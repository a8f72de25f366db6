import { inScope, type Scope } from '@custos/db';
import { database } from '../db.js';

export interface DriftRow {
  id: string;
  hostId: string;
  checkId: string;
  severity: string;
  status: 'open' | 'resolved';
  summary: string;
  observedAt: string;
  resolvedAt: string | null;
}

/** A site's (or one host's) findings opened or still open in the last `days` days, newest first, in scope. */
export async function driftHistory(scope: Scope, siteId: string, days: number, hostId?: string): Promise<DriftRow[]> {
  const from = new Date(Date.now() - days * 86_400_000);
  let q = database()
    .selectFrom('findings')
    .select(['id', 'host_id', 'check_id', 'severity', 'status', 'summary', 'observed_at', 'resolved_at'])
    .where('site_id', '=', siteId)
    .where(inScope(scope, 'findings'))
    .where((eb) => eb.or([eb('observed_at', '>=', from), eb('status', '=', 'open')]));
  if (hostId) q = q.where('host_id', '=', hostId);
  const rows = await q.orderBy('observed_at', 'desc').limit(2000).execute();
  return rows.map((r) => ({
    id: r.id,
    hostId: r.host_id,
    checkId: r.check_id,
    severity: r.severity,
    status: r.status,
    summary: r.summary,
    observedAt: r.observed_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  }));
}
