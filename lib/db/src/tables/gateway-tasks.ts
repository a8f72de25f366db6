import type { Generated, Selectable } from 'kysely';

export interface GatewayTaskTokensTable {
  token_sha256: Buffer;
  appliance_id: string;
  site_id: string;
  workflow_id: string;
  activity_id: string;
  delivered_at: Generated<Date>;
  expires_at: Date;
}

export type GatewayTaskToken = Selectable<GatewayTaskTokensTable>;
