import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Session, SessionStage } from '../tables/identity.js';

type Db = Kysely<Database>;

/** Sessions are stored by the SHA-256 of their cookie value; the value itself never reaches the database. */
export function createSession(
  db: Db,
  input: { userId: string; tokenSha256: Buffer; stage: SessionStage; csrfSecret: string; ip: string | null; expiresAt: Date },
): Promise<Session> {
  return db
    .insertInto('sessions')
    .values({ user_id: input.userId, token_sha256: input.tokenSha256, stage: input.stage, csrf_secret: input.csrfSecret, ip: input.ip, expires_at: input.expiresAt, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findLiveSession(db: Db, tokenSha256: Buffer): Promise<Session | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_sha256', '=', tokenSha256)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

/**
 * Moves a session past its second factor by replacing it: the half-signed-in token is revoked and
 * a new one issued, so a token observed before TOTP is worthless after it.
 */
export async function revokeSession(db: Db, id: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
