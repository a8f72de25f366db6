import type { Generated, Selectable } from 'kysely';

export const ROLES = ['platform_admin', 'partner_admin', 'partner_tech', 'client_owner', 'client_viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  totp_secret_enc: Buffer | null;
  totp_key_id: string | null;
  /** Last accepted TOTP time step: a code is accepted once (replay refused). */
  totp_last_step: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface MembershipsTable {
  user_id: string;
  role: Role;
  partner_id: string | null;
  client_id: string | null;
  expires_at: Date | null;
  created_at: Generated<Date>;
}

export interface AuditorGrantsTable {
  user_id: string;
  partner_id: string;
  client_id: string;
}

export type SessionStage = 'awaiting_totp' | 'active';

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  token_sha256: Buffer;
  stage: SessionStage;
  csrf_secret: string;
  ip: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_sha256: Buffer;
  scopes: string[];
  created_at: Generated<Date>;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface OidcProvidersTable {
  partner_id: string;
  issuer: string;
  client_id: string;
  client_secret_enc: Buffer | null;
  client_secret_key_id: string | null;
  created_at: Generated<Date>;
}

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
}

export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type Session = Selectable<SessionsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type OidcProvider = Selectable<OidcProvidersTable>;
