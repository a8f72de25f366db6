import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { assertPartnerWritable, type Scope } from '../scope.js';
import type { OidcProvider } from '../tables/identity.js';

type Db = Kysely<Database>;

/** The identity provider of the partner with this slug (sign-in starts before anyone is known). */
export function findOidcProviderBySlug(db: Db, slug: string): Promise<(OidcProvider & { slug: string }) | undefined> {
  return db
    .selectFrom('oidc_providers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .selectAll('o')
    .select('p.slug')
    .where('p.slug', '=', slug)
    .executeTakeFirst();
}

export async function putOidcProvider(
  db: Db,
  scope: Scope,
  input: { partnerId: string; issuer: string; clientId: string; clientSecret: { keyId: string; ciphertext: Buffer } | null },
): Promise<void> {
  assertPartnerWritable(scope, input.partnerId);
  const values = {
    issuer: input.issuer,
    client_id: input.clientId,
    client_secret_enc: input.clientSecret?.ciphertext ?? null,
    client_secret_key_id: input.clientSecret?.keyId ?? null,
  };
  await db
    .insertInto('oidc_providers')
    .values({ partner_id: input.partnerId, ...values })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet(values))
    .execute();
}

/** The user an IdP subject signs in as, only if that user belongs to the provider's partner. */
export async function findOidcUser(db: Db, input: { issuer: string; subject: string; partnerId: string }): Promise<string | undefined> {
  const row = await db
    .selectFrom('oidc_identities as i')
    .innerJoin('memberships as m', 'm.user_id', 'i.user_id')
    .select('i.user_id')
    .where('i.issuer', '=', input.issuer)
    .where('i.subject', '=', input.subject)
    .where('m.partner_id', '=', input.partnerId)
    .executeTakeFirst();
  return row?.user_id;
}

export async function linkOidcIdentity(db: Db, input: { issuer: string; subject: string; userId: string }): Promise<void> {
  await db.insertInto('oidc_identities').values({ issuer: input.issuer, subject: input.subject, user_id: input.userId }).onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing()).execute();
}
