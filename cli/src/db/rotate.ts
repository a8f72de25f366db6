import { connectDatabase, CredentialKeyring, parsePreviousKeys, rotateAllSecrets, type RotationReport } from '@custos/db';

/**
 * Re-seals every secret at rest under CUSTOS_CREDENTIAL_KEY. The keys it replaced must be listed
 * in CUSTOS_CREDENTIAL_PREVIOUS_KEYS until this has run; it is safe to run again after an
 * interruption (rows already under the current key are skipped).
 */
export async function rotateCredentials(config: { databaseUrl: URL; credentialKey: Uint8Array; credentialPreviousKeys: string | undefined }): Promise<RotationReport & { keyId: string }> {
  const keyring = new CredentialKeyring(config.credentialKey, parsePreviousKeys(config.credentialPreviousKeys));
  const db = connectDatabase(config.databaseUrl, { max: 1 });
  try {
    return { ...(await rotateAllSecrets(db, keyring)), keyId: keyring.currentKeyId };
  } finally {
    await db.destroy();
  }
}
