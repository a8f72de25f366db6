import { sql, type RawBuilder } from 'kysely';

/**
 * Whose data a query may touch. Every repository function for tenant data takes one, and every
 * such query is filtered by it; there is no unscoped path. The API derives it from the signed-in
 * principal; a worker acting for a site uses a `site` scope.
 */
export type Scope =
  | { readonly kind: 'platform' }
  | { readonly kind: 'partner'; readonly partnerId: string }
  | { readonly kind: 'clients'; readonly partnerId: string; readonly clientIds: readonly string[] }
  | { readonly kind: 'site'; readonly partnerId: string; readonly clientId: string; readonly siteId: string };

/** Tables scoped by tenant, and which of their columns hold the partner, client and site ids. */
const TENANT_COLUMNS = {
  partners: { partner: 'id', client: null, site: null },
  clients: { partner: 'partner_id', client: 'id', site: null },
  sites: { partner: 'partner_id', client: 'client_id', site: 'id' },
  hosts: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  appliances: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  enrolment_codes: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  host_credentials: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  runbook_settings: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  findings: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  incidents: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  heals: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  approvals: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  evidence_index: { partner: 'partner_id', client: 'client_id', site: 'site_id' },
  notification_channels: { partner: 'partner_id', client: null, site: null },
  audit_log: { partner: 'partner_id', client: 'client_id', site: null },
  report_branding: { partner: 'partner_id', client: null, site: null },
  attestations: { partner: 'partner_id', client: 'client_id', site: null },
  risk_acceptances: { partner: 'partner_id', client: 'client_id', site: null },
  compliance_packets: { partner: 'partner_id', client: 'client_id', site: null },
} as const;

export type TenantTable = keyof typeof TENANT_COLUMNS;

/** Raised when a scope may not perform a write at all (for example a client scope creating a site). */
export class OutOfScopeError extends Error {
  override readonly name = 'OutOfScopeError';
}

const never = (): RawBuilder<boolean> => sql<boolean>`false`;

/**
 * The WHERE condition that limits `table` (or its alias) to what `scope` may see. Tables with no
 * column for a level (partner-wide rows such as notification channels) are invisible to narrower
 * scopes rather than leaking across clients.
 */
export function inScope(scope: Scope, table: TenantTable, alias: string = table): RawBuilder<boolean> {
  const cols = TENANT_COLUMNS[table];
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  switch (scope.kind) {
    case 'platform':
      return sql<boolean>`true`;
    case 'partner':
      return sql<boolean>`${ref(cols.partner)} = ${scope.partnerId}`;
    case 'clients':
      if (cols.client === null || scope.clientIds.length === 0) return never();
      // Most client users belong to one client: a plain equality lets the planner walk the
      // (client_id, time) indexes in order instead of sorting what = any(array) matched.
      if (scope.clientIds.length === 1) return sql<boolean>`(${ref(cols.partner)} = ${scope.partnerId} and ${ref(cols.client)} = ${scope.clientIds[0]})`;
      return sql<boolean>`(${ref(cols.partner)} = ${scope.partnerId} and ${ref(cols.client)} = any(${[...scope.clientIds]}::uuid[]))`;
    case 'site':
      if (cols.site === null) return never();
      return sql<boolean>`${ref(cols.site)} = ${scope.siteId}`;
  }
}

/** The partner a write lands in must be the scope's own (platform may write anywhere). */
export function assertPartnerWritable(scope: Scope, partnerId: string): void {
  if (scope.kind === 'platform') return;
  if (scope.kind === 'partner' && scope.partnerId === partnerId) return;
  throw new OutOfScopeError(`scope ${scope.kind} may not write to partner ${partnerId}`);
}
