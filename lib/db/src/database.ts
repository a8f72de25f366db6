import type { PartnersTable, ClientsTable, SitesTable, HostsTable } from './tables/tenancy.js';
import type {
  UsersTable,
  MembershipsTable,
  AuditorGrantsTable,
  SessionsTable,
  ApiTokensTable,
  OidcProvidersTable,
  OidcIdentitiesTable,
} from './tables/identity.js';
import type { AppliancesTable, EnrolmentCodesTable } from './tables/appliances.js';
import type { HostCredentialsTable } from './tables/credentials.js';
import type {
  RunbookSettingsTable,
  FindingsTable,
  IncidentsTable,
  HealsTable,
  ApprovalsTable,
  EvidenceIndexTable,
  NotificationChannelsTable,
} from './tables/operations.js';
import type { AuditLogTable } from './tables/audit.js';
import type { L2BudgetDaysTable, L2LeasesTable } from './tables/l2-planner.js';
import type { GatewayTaskTokensTable } from './tables/gateway-tasks.js';
import type { AttestationDocumentsTable, AttestationsTable, CompliancePacketsTable, ReportBrandingTable, RiskAcceptancesTable } from './tables/reports.js';

/** The whole schema as kysely sees it; each table's interface lives with its feature under tables/. */
export interface Database {
  partners: PartnersTable;
  clients: ClientsTable;
  sites: SitesTable;
  hosts: HostsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  auditor_grants: AuditorGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  oidc_providers: OidcProvidersTable;
  oidc_identities: OidcIdentitiesTable;
  appliances: AppliancesTable;
  enrolment_codes: EnrolmentCodesTable;
  host_credentials: HostCredentialsTable;
  runbook_settings: RunbookSettingsTable;
  findings: FindingsTable;
  incidents: IncidentsTable;
  heals: HealsTable;
  approvals: ApprovalsTable;
  evidence_index: EvidenceIndexTable;
  notification_channels: NotificationChannelsTable;
  audit_log: AuditLogTable;
  l2_budget_days: L2BudgetDaysTable;
  l2_leases: L2LeasesTable;
  gateway_task_tokens: GatewayTaskTokensTable;
  report_branding: ReportBrandingTable;
  attestations: AttestationsTable;
  attestation_documents: AttestationDocumentsTable;
  risk_acceptances: RiskAcceptancesTable;
  compliance_packets: CompliancePacketsTable;
}
