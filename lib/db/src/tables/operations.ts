import type { Generated, Selectable } from 'kysely';
import type { TenantColumns } from './tenancy.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Tier = 'L1' | 'L2' | 'L3';

export interface RunbookSettingsTable extends TenantColumns {
  runbook_id: string;
  enabled: boolean;
  require_approval: Generated<boolean>;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface FindingsTable extends TenantColumns {
  id: Generated<string>;
  host_id: string;
  check_id: string;
  control_ids: Generated<string[]>;
  severity: Severity;
  status: 'open' | 'resolved';
  summary: string;
  observed_at: Date;
  resolved_at: Date | null;
}

export interface IncidentsTable extends TenantColumns {
  id: Generated<string>;
  finding_id: string;
  tier: Tier;
  status: 'open' | 'healed' | 'escalated' | 'closed';
  opened_at: Generated<Date>;
  closed_at: Date | null;
}

export type HealStatus = 'running' | 'awaiting_approval' | 'healed' | 'failed' | 'escalated' | 'rejected';

export interface HealsTable extends TenantColumns {
  workflow_id: string;
  run_id: string | null;
  finding_id: string | null;
  tier: Tier;
  status: HealStatus;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface ApprovalsTable extends TenantColumns {
  id: Generated<string>;
  workflow_id: string;
  plan: unknown;
  plan_sha256: string;
  priority: Severity;
  status: ApprovalStatus;
  requested_at: Date;
  expires_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
}

export interface EvidenceIndexTable extends TenantColumns {
  id: Generated<string>;
  kind: 'scan' | 'heal' | 'history' | 'checkpoint';
  bundle_sha256: string;
  object_key: string;
  log_index: string | null;
  created_at: Generated<Date>;
}

export type ChannelKind = 'email' | 'webhook' | 'chat';

export interface NotificationChannelsTable {
  id: Generated<string>;
  partner_id: string;
  kind: ChannelKind;
  name: string;
  target: string;
  min_priority: Severity;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export type RunbookSetting = Selectable<RunbookSettingsTable>;
export type Finding = Selectable<FindingsTable>;
export type Heal = Selectable<HealsTable>;
export type Approval = Selectable<ApprovalsTable>;
export type EvidenceEntry = Selectable<EvidenceIndexTable>;
export type NotificationChannel = Selectable<NotificationChannelsTable>;
