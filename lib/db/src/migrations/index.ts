import type { Migration } from 'kysely';
import * as tenancy from './2026_11_26_000100_tenancy.js';
import * as identity from './2026_11_26_000200_identity.js';
import * as appliances from './2026_11_26_000300_appliances.js';
import * as credentials from './2026_11_26_000400_credentials.js';
import * as operations from './2026_11_26_000500_operations.js';
import * as auditLog from './2026_11_26_000600_audit_log.js';
import * as l2Planner from './2026_11_27_000200_l2_planner.js';
import * as gatewayTasks from './2026_11_27_000300_gateway_tasks.js';
import * as evidenceLog from './2026_11_27_000100_evidence_log.js';
import * as reports from './2026_11_28_000100_reports.js';
import * as cursorPrecision from './2026_11_28_000200_cursor_precision.js';
import * as tenantStatistics from './2026_11_28_000300_tenant_statistics.js';

/**
 * Every migration by its timestamped name. A static list (not a directory scan) so migrations are
 * type-checked and bundled with the code that runs them; names sort in the order they apply.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_26_000100_tenancy': tenancy,
  '2026_11_26_000200_identity': identity,
  '2026_11_26_000300_appliances': appliances,
  '2026_11_26_000400_credentials': credentials,
  '2026_11_26_000500_operations': operations,
  '2026_11_26_000600_audit_log': auditLog,
  '2026_11_27_000100_evidence_log': evidenceLog,
  '2026_11_27_000200_l2_planner': l2Planner,
  '2026_11_27_000300_gateway_tasks': gatewayTasks,
  '2026_11_28_000100_reports': reports,
  '2026_11_28_000200_cursor_precision': cursorPrecision,
  '2026_11_28_000300_tenant_statistics': tenantStatistics,
};
