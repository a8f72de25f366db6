import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { ReportFramework } from '../tables/reports.js';
import type { HostRole } from '../tables/tenancy.js';

type Db = Kysely<Database>;

/**
 * What posture is computed from when it is computed from the operational record (API and
 * dashboard; the packet reads signed evidence): the sites in question, their hosts, findings and
 * switched-off runbooks, and their clients' attestations. lib/core's `recordedObservations` and
 * `recordedAttestations` turn these into the posture module's shape.
 */
export interface PostureRecords {
  sites: { id: string; clientId: string }[];
  hosts: { id: string; siteId: string; role: HostRole; createdAt: Date; lastSeenAt: Date | null }[];
  findings: { id: string; siteId: string; hostId: string; checkId: string; observedAt: Date; resolvedAt: Date | null }[];
  disabled: { siteId: string; runbookId: string }[];
  attestations: {
    id: string;
    clientId: string;
    framework: ReportFramework;
    controlId: string;
    attestedByName: string;
    attestedAt: Date;
    validUntil: Date;
    evidenceDigest: string | null;
  }[];
}

const NONE = ['00000000-0000-0000-0000-000000000000'];

/**
 * Posture inputs for the sites in scope, narrowed to `siteIds` or `clientIds` when given. With
 * `findingsSince`, findings resolved before it are left out (they cannot change posture after it).
 */
export async function postureRecords(
  db: Db,
  scope: Scope,
  filter: { siteIds?: readonly string[]; clientIds?: readonly string[]; findingsSince?: Date } = {},
): Promise<PostureRecords> {
  let sq = db.selectFrom('sites').select(['id', 'client_id']).where(inScope(scope, 'sites'));
  if (filter.siteIds) sq = sq.where('id', 'in', filter.siteIds.length ? [...filter.siteIds] : NONE);
  if (filter.clientIds) sq = sq.where('client_id', 'in', filter.clientIds.length ? [...filter.clientIds] : NONE);
  const sitesQuery = sq.orderBy('id').execute();
  // Narrowed to some sites or clients, the other tables are read for exactly those sites. For the
  // whole scope (a partner's fleet: a thousand sites) the scope condition already selects the same
  // rows (every row carries its tenant ids), so the five reads go together without id lists.
  let within: { siteIds: string[]; clientIds: string[] } | undefined;
  if (filter.siteIds || filter.clientIds) {
    const rows = await sitesQuery;
    within = { siteIds: rows.length ? rows.map((s) => s.id) : NONE, clientIds: rows.length ? [...new Set(rows.map((s) => s.client_id))] : NONE };
  }

  let fq = db.selectFrom('findings').select(['id', 'site_id', 'host_id', 'check_id', 'observed_at', 'resolved_at']).where(inScope(scope, 'findings'));
  if (within) fq = fq.where('site_id', 'in', within.siteIds);
  if (filter.findingsSince) {
    const since = filter.findingsSince;
    fq = fq.where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', since)]));
  }
  let hq = db.selectFrom('hosts').select(['id', 'site_id', 'role', 'created_at', 'last_seen_at']).where(inScope(scope, 'hosts'));
  if (within) hq = hq.where('site_id', 'in', within.siteIds);
  let dq = db.selectFrom('runbook_settings').select(['site_id', 'runbook_id']).where('enabled', '=', false).where(inScope(scope, 'runbook_settings'));
  if (within) dq = dq.where('site_id', 'in', within.siteIds);
  let aq = db
    .selectFrom('attestations')
    .select(['id', 'client_id', 'framework', 'control_id', 'attested_by_name', 'attested_at', 'valid_until', 'evidence_digest'])
    .where(inScope(scope, 'attestations'));
  if (within) aq = aq.where('client_id', 'in', within.clientIds);
  const [siteRows, hosts, findings, disabled, attestations] = await Promise.all([sitesQuery, hq.orderBy('id').execute(), fq.orderBy('id').execute(), dq.execute(), aq.orderBy('id').execute()]);
  return {
    sites: siteRows.map((s) => ({ id: s.id, clientId: s.client_id })),
    hosts: hosts.map((h) => ({ id: h.id, siteId: h.site_id, role: h.role, createdAt: h.created_at, lastSeenAt: h.last_seen_at })),
    findings: findings.map((f) => ({ id: f.id, siteId: f.site_id, hostId: f.host_id, checkId: f.check_id, observedAt: f.observed_at, resolvedAt: f.resolved_at })),
    disabled: disabled.map((d) => ({ siteId: d.site_id, runbookId: d.runbook_id })),
    attestations: attestations.map((a) => ({
      id: a.id,
      clientId: a.client_id,
      framework: a.framework,
      controlId: a.control_id,
      attestedByName: a.attested_by_name,
      attestedAt: a.attested_at,
      validUntil: a.valid_until,
      evidenceDigest: a.evidence_digest,
    })),
  };
}
