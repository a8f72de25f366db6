import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { ApiToken } from '../tables/identity.js';

type Db = Kysely<Database>;

const PUBLIC_COLUMNS = ['id', 'user_id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;
export type ApiTokenView = Pick<ApiToken, (typeof PUBLIC_COLUMNS)[number]>;

export function createApiToken(
  db: Db,
  input: { userId: string; name: string; tokenSha256: Buffer; scopes: string[]; expiresAt: Date },
): Promise<ApiTokenView> {
  return db
    .insertInto('api_tokens')
    .values({ user_id: input.userId, name: input.name, token_sha256: input.tokenSha256, scopes: input.scopes, expires_at: input.expiresAt, last_used_at: null, revoked_at: null })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** A token that is neither revoked nor expired. */
export function findLiveApiToken(db: Db, tokenSha256: Buffer): Promise<ApiTokenView | undefined> {
  return db
    .selectFrom('api_tokens')
    .select(PUBLIC_COLUMNS)
    .where('token_sha256', '=', tokenSha256)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

/**
 * Stamps a token as used, at most once a minute: a write (and its commit flush) on every request
 * would cost more than the request itself, and minute precision is all "last used" needs.
 */
export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - 60_000))]))
    .execute();
}

/** A user sees and revokes only their own tokens. */
export function listApiTokens(db: Db, userId: string): Promise<ApiTokenView[]> {
  return db.selectFrom('api_tokens').select(PUBLIC_COLUMNS).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
}

export function revokeApiToken(db: Db, userId: string, id: string): Promise<ApiTokenView | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
}
