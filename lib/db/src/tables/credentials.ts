import type { Generated, Selectable } from 'kysely';
import type { TenantColumns } from './tenancy.js';

export type CredentialKind = 'host' | 'domain';

export interface HostCredentialsTable extends TenantColumns {
  id: Generated<string>;
  host_id: string | null;
  kind: CredentialKind;
  label: string;
  key_id: string;
  nonce: Buffer;
  ciphertext: Buffer;
  created_by: string;
  created_at: Generated<Date>;
  rotated_at: Date | null;
}

export type HostCredential = Selectable<HostCredentialsTable>;
