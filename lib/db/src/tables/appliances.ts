import type { Generated, Selectable } from 'kysely';
import type { TenantColumns } from './tenancy.js';

export interface AppliancesTable extends TenantColumns {
  id: Generated<string>;
  name: string;
  public_key: Buffer;
  token_sha256: Buffer;
  agent_version: string | null;
  health: unknown;
  last_heartbeat_at: Date | null;
  enrolled_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface EnrolmentCodesTable extends TenantColumns {
  id: Generated<string>;
  code_sha256: Buffer;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
  appliance_id: string | null;
}

export type Appliance = Selectable<AppliancesTable>;
export type EnrolmentCode = Selectable<EnrolmentCodesTable>;
