import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CredentialKeyring } from '../credentials/keyring.js';
import type { Database } from '../database.js';
import { inScope, type Scope } from '../scope.js';
import type { CredentialKind, HostCredential } from '../tables/credentials.js';
import { getHost } from './hosts.js';
import { getSite } from './tenancy.js';

type Db = Kysely<Database>;

/** What any endpoint may show of a credential: never the secret, not even sealed. */
const META_COLUMNS = ['id', 'partner_id', 'client_id', 'site_id', 'host_id', 'kind', 'label', 'key_id', 'created_by', 'created_at', 'rotated_at'] as const;
export type CredentialMeta = Pick<HostCredential, (typeof META_COLUMNS)[number]>;

export interface CredentialSecret {
  username: string;
  password: string;
  domain?: string | undefined;
}

/** Associated data binding a sealed credential to its row and site. */
export function credentialAad(row: { id: string; site_id: string }): string {
  return `custos host credential ${row.id} site ${row.site_id}`;
}

export async function createCredential(
  db: Db,
  scope: Scope,
  keyring: CredentialKeyring,
  input: { siteId: string; hostId: string | null; kind: CredentialKind; label: string; secret: CredentialSecret; createdBy: string },
): Promise<CredentialMeta | undefined> {
  const site = await getSite(db, scope, input.siteId);
  if (!site) return undefined;
  if (input.hostId !== null) {
    const host = await getHost(db, scope, input.hostId);
    if (!host || host.site_id !== site.id) return undefined;
  }
  const id = randomUUID();
  const sealed = keyring.seal(Buffer.from(JSON.stringify(input.secret), 'utf8'), credentialAad({ id, site_id: site.id }));
  return db
    .insertInto('host_credentials')
    .values({
      id,
      partner_id: site.partner_id,
      client_id: site.client_id,
      site_id: site.id,
      host_id: input.hostId,
      kind: input.kind,
      label: input.label,
      key_id: sealed.keyId,
      nonce: sealed.nonce,
      ciphertext: sealed.ciphertext,
      created_by: input.createdBy,
      rotated_at: null,
    })
    .returning(META_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function listCredentials(db: Db, scope: Scope, filter: { siteId: string }): Promise<CredentialMeta[]> {
  return db
    .selectFrom('host_credentials')
    .select(META_COLUMNS)
    .where('site_id', '=', filter.siteId)
    .where(inScope(scope, 'host_credentials'))
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export async function deleteCredential(db: Db, scope: Scope, id: string): Promise<CredentialMeta | undefined> {
  return db.deleteFrom('host_credentials').where('id', '=', id).where(inScope(scope, 'host_credentials')).returning(META_COLUMNS).executeTakeFirst();
}

/** Decrypted credentials of one site, for sealing to that site's appliance only. Requires a site scope. */
export async function openSiteCredentials(
  db: Db,
  scope: Extract<Scope, { kind: 'site' }>,
  keyring: CredentialKeyring,
): Promise<(CredentialMeta & { secret: CredentialSecret })[]> {
  const rows = await db.selectFrom('host_credentials').selectAll().where(inScope(scope, 'host_credentials')).orderBy('created_at').execute();
  return rows.map(({ nonce, ciphertext, ...meta }) => {
    const plain = keyring.open({ keyId: meta.key_id, nonce, ciphertext }, credentialAad(meta));
    return { ...meta, secret: JSON.parse(plain.toString('utf8')) as CredentialSecret };
  });
}

/**
 * Re-seals every credential not sealed by the current key, one row per statement, each guarded by
 * its old key id so a concurrent rotation cannot double-apply. Returns how many rows changed.
 */
export async function rotateCredentialKeys(db: Db, keyring: CredentialKeyring): Promise<number> {
  let rotated = 0;
  for (;;) {
    const batch = await db
      .selectFrom('host_credentials')
      .select(['id', 'site_id', 'key_id', 'nonce', 'ciphertext'])
      .where('key_id', '<>', keyring.currentKeyId)
      .orderBy('id')
      .limit(200)
      .execute();
    if (batch.length === 0) return rotated;
    for (const row of batch) {
      const aad = credentialAad(row);
      const sealed = keyring.seal(keyring.open({ keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext }, aad), aad);
      const r = await db
        .updateTable('host_credentials')
        .set({ key_id: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext, rotated_at: new Date() })
        .where('id', '=', row.id)
        .where('key_id', '=', row.key_id)
        .executeTakeFirst();
      rotated += Number(r.numUpdatedRows);
    }
  }
}
