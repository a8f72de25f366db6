import type { Kysely } from 'kysely';
import { packSealed, unpackSealed, type CredentialKeyring } from '../credentials/keyring.js';
import type { Database } from '../database.js';
import { rotateCredentialKeys } from './credentials.js';

type Db = Kysely<Database>;

export function totpAad(userId: string): string {
  return `custos totp seed user ${userId}`;
}

export function oidcSecretAad(partnerId: string): string {
  return `custos oidc client secret partner ${partnerId}`;
}

export interface RotationReport {
  hostCredentials: number;
  totpSeeds: number;
  oidcSecrets: number;
}

/**
 * Re-seals every secret at rest under the keyring's current key. Each row is its own statement,
 * guarded by its old key id, so an interrupted rotation can simply be run again.
 */
export async function rotateAllSecrets(db: Db, keyring: CredentialKeyring): Promise<RotationReport> {
  const hostCredentials = await rotateCredentialKeys(db, keyring);

  let totpSeeds = 0;
  const users = await db
    .selectFrom('users')
    .select(['id', 'totp_key_id', 'totp_secret_enc'])
    .where('totp_key_id', 'is not', null)
    .where('totp_key_id', '<>', keyring.currentKeyId)
    .execute();
  for (const u of users) {
    const plain = keyring.open(unpackSealed(u.totp_key_id!, u.totp_secret_enc!), totpAad(u.id));
    const sealed = keyring.seal(plain, totpAad(u.id));
    const r = await db
      .updateTable('users')
      .set({ totp_secret_enc: packSealed(sealed), totp_key_id: sealed.keyId })
      .where('id', '=', u.id)
      .where('totp_key_id', '=', u.totp_key_id)
      .executeTakeFirst();
    totpSeeds += Number(r.numUpdatedRows);
  }

  let oidcSecrets = 0;
  const providers = await db
    .selectFrom('oidc_providers')
    .select(['partner_id', 'client_secret_key_id', 'client_secret_enc'])
    .where('client_secret_key_id', 'is not', null)
    .where('client_secret_key_id', '<>', keyring.currentKeyId)
    .execute();
  for (const p of providers) {
    const plain = keyring.open(unpackSealed(p.client_secret_key_id!, p.client_secret_enc!), oidcSecretAad(p.partner_id));
    const sealed = keyring.seal(plain, oidcSecretAad(p.partner_id));
    const r = await db
      .updateTable('oidc_providers')
      .set({ client_secret_enc: packSealed(sealed), client_secret_key_id: sealed.keyId })
      .where('partner_id', '=', p.partner_id)
      .where('client_secret_key_id', '=', p.client_secret_key_id)
      .executeTakeFirst();
    oidcSecrets += Number(r.numUpdatedRows);
  }
  return { hostCredentials, totpSeeds, oidcSecrets };
}
