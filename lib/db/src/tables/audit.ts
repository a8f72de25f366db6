import type { Generated, Selectable } from 'kysely';

export type ActorKind = 'user' | 'api_token' | 'appliance' | 'anonymous' | 'system';
export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_kind: ActorKind;
  actor_id: string | null;
  partner_id: string | null;
  client_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  detail: Generated<unknown>;
  ip: string | null;
  request_id: string | null;
}

export type AuditEntry = Selectable<AuditLogTable>;
