import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { assertPartnerWritable, OutOfScopeError, type Scope } from '../scope.js';
import type { Membership, Role, User } from '../tables/identity.js';
import { getClient } from './tenancy.js';

type Db = Kysely<Database>;

export interface Principal {
  user: User;
  membership: Membership;
  /** Clients an auditor was granted; empty for every other role. */
  grantedClientIds: string[];
}

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  partnerId: string | null;
  clientId: string | null;
  expiresAt: Date | null;
  grantClientIds: string[];
}

/** Identity lookup by email for sign-in; not tenant data, so it takes no scope. */
export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** The user with membership and grants, or undefined if missing or disabled. One query (plus grants for auditors). */
export async function loadPrincipal(db: Db, userId: string): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .selectAll('u')
    .select(['m.role', 'm.partner_id', 'm.client_id', 'm.expires_at', 'm.created_at as membership_created_at'])
    .where('u.id', '=', userId)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { role, partner_id, client_id, expires_at, membership_created_at, ...user } = row;
  const membership: Membership = { user_id: user.id, role, partner_id, client_id, expires_at, created_at: membership_created_at };
  const grants = role === 'auditor' ? await db.selectFrom('auditor_grants').select('client_id').where('user_id', '=', userId).execute() : [];
  return { user, membership, grantedClientIds: grants.map((g) => g.client_id) };
}

/**
 * Creates a user with one membership, inside the caller's transaction. A partner scope may only
 * create members of its own partner and its own clients; the platform scope may create anyone.
 */
export async function createUser(db: Db, scope: Scope, input: NewUser): Promise<User> {
  if (input.role === 'platform_admin' && scope.kind !== 'platform') throw new OutOfScopeError('only the platform scope creates platform admins');
  if (input.partnerId !== null) assertPartnerWritable(scope, input.partnerId);
  for (const clientId of [...(input.clientId === null ? [] : [input.clientId]), ...input.grantClientIds]) {
    const client = await getClient(db, scope, clientId);
    if (!client || client.partner_id !== input.partnerId) throw new OutOfScopeError(`client ${clientId} is not a client of partner ${input.partnerId}`);
  }
  const user = await db
    .insertInto('users')
    .values({
      email: input.email.toLowerCase(),
      display_name: input.displayName,
      password_hash: input.passwordHash,
      totp_secret_enc: null,
      totp_key_id: null,
      totp_last_step: null,
      locked_until: null,
      disabled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('memberships')
    .values({ user_id: user.id, role: input.role, partner_id: input.partnerId, client_id: input.clientId, expires_at: input.expiresAt })
    .execute();
  if (input.grantClientIds.length > 0) {
    await db
      .insertInto('auditor_grants')
      .values(input.grantClientIds.map((client_id) => ({ user_id: user.id, partner_id: input.partnerId!, client_id })))
      .execute();
  }
  return user;
}

/** Users whose membership lies inside the scope (never the token or secret columns). */
export function listUsers(db: Db, scope: Scope) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.created_at', 'u.disabled_at', 'm.role', 'm.partner_id', 'm.client_id', 'm.expires_at']);
  if (scope.kind === 'partner') q = q.where('m.partner_id', '=', scope.partnerId);
  else if (scope.kind === 'clients') q = q.where('m.partner_id', '=', scope.partnerId).where('m.client_id', 'in', scope.clientIds.length ? scope.clientIds : ['00000000-0000-0000-0000-000000000000']);
  else if (scope.kind === 'site') q = q.where(sql<boolean>`false`);
  return q.orderBy('u.email').limit(1000).execute();
}

/** Counts a failed sign-in and locks the account for `lockMs` after `maxFailures` in a row. */
export async function recordFailedSignIn(db: Db, userId: string, policy: { maxFailures: number; lockMs: number }): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({
      failed_sign_ins: eb('failed_sign_ins', '+', 1),
      locked_until: sql<Date | null>`case when failed_sign_ins + 1 >= ${policy.maxFailures} then now() + ${`${policy.lockMs} milliseconds`}::interval else locked_until end`,
    }))
    .where('id', '=', userId)
    .execute();
}

export async function clearFailedSignIns(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setTotpSecret(db: Db, userId: string, sealed: { keyId: string; ciphertext: Buffer }): Promise<void> {
  await db.updateTable('users').set({ totp_secret_enc: sealed.ciphertext, totp_key_id: sealed.keyId, totp_last_step: null }).where('id', '=', userId).execute();
}

/**
 * Accepts a TOTP time step at most once: the update only matches when the step is newer than the
 * last one used, so a code seen by an eavesdropper cannot be replayed.
 */
export async function acceptTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: String(step) })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
