/**
 * The L2 planner's daily token budget and concurrency limit, shared by every central worker through
 * PostgreSQL. Decisions are serialised with a transaction-scoped advisory lock, so two workers can
 * never both take the last slot or the last tokens. Platform-wide (no tenant scope): one LLM account.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';

type Db = Kysely<Database>;

/** Arbitrary but fixed: the advisory lock key every budget decision takes. */
const BUDGET_LOCK = 0x4c32_6275; // "L2bu"

export interface L2Limits {
  dailyTokens: number;
  maxConcurrent: number;
}

export type L2LeaseResult =
  | { readonly kind: 'granted'; readonly leaseId: string; readonly day: string }
  | { readonly kind: 'busy'; readonly inFlight: number }
  | { readonly kind: 'exhausted'; readonly day: string; readonly spent: number; readonly budget: number };

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Reserves `estimatedTokens` of today's budget and one concurrency slot for `holder`, or says why
 * not. Expired leases are reclaimed first and their reservation counted as spent (the call may have
 * happened; being conservative keeps the budget a ceiling).
 */
export async function acquireL2Lease(
  db: Db,
  input: { holder: string; estimatedTokens: number; ttlSeconds: number; now: Date; limits: L2Limits },
): Promise<L2LeaseResult> {
  const day = utcDay(input.now);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${BUDGET_LOCK})`.execute(trx);
    const expired = await trx.deleteFrom('l2_leases').where('expires_at', '<=', input.now).returning(['day', 'reserved_tokens']).execute();
    for (const lease of expired) {
      await trx
        .updateTable('l2_budget_days')
        .set((eb) => ({
          tokens_reserved: sql`greatest(${eb.ref('tokens_reserved')} - ${lease.reserved_tokens}, 0)`,
          tokens_used: sql`${eb.ref('tokens_used')} + ${lease.reserved_tokens}`,
        }))
        .where('day', '=', lease.day)
        .execute();
    }
    await trx.insertInto('l2_budget_days').values({ day }).onConflict((oc) => oc.column('day').doNothing()).execute();
    const { count } = await trx.selectFrom('l2_leases').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    if (Number(count) >= input.limits.maxConcurrent) return { kind: 'busy', inFlight: Number(count) };
    const today = await trx.selectFrom('l2_budget_days').selectAll().where('day', '=', day).executeTakeFirstOrThrow();
    const spent = Number(today.tokens_used) + Number(today.tokens_reserved);
    if (spent + input.estimatedTokens > input.limits.dailyTokens) {
      await trx.updateTable('l2_budget_days').set((eb) => ({ refused: eb('refused', '+', 1) })).where('day', '=', day).execute();
      return { kind: 'exhausted', day, spent, budget: input.limits.dailyTokens };
    }
    const lease = await trx
      .insertInto('l2_leases')
      .values({ holder: input.holder.slice(0, 300), day, reserved_tokens: input.estimatedTokens, expires_at: new Date(input.now.getTime() + input.ttlSeconds * 1000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('l2_budget_days')
      .set((eb) => ({ tokens_reserved: sql`${eb.ref('tokens_reserved')} + ${input.estimatedTokens}`, calls: eb('calls', '+', 1) }))
      .where('day', '=', day)
      .execute();
    return { kind: 'granted', leaseId: lease.id, day };
  });
}

/**
 * Ends a lease: its reservation is replaced by what the call really used (or kept in full when the
 * usage is unknown). A lease already reclaimed as expired is a no-op — it was counted then.
 */
export async function settleL2Lease(db: Db, input: { leaseId: string; tokensUsed: number | undefined }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${BUDGET_LOCK})`.execute(trx);
    const lease = await trx.deleteFrom('l2_leases').where('id', '=', input.leaseId).returning(['day', 'reserved_tokens']).executeTakeFirst();
    if (!lease) return;
    const used = input.tokensUsed ?? lease.reserved_tokens;
    await trx
      .updateTable('l2_budget_days')
      .set((eb) => ({
        tokens_reserved: sql`greatest(${eb.ref('tokens_reserved')} - ${lease.reserved_tokens}, 0)`,
        tokens_used: sql`${eb.ref('tokens_used')} + ${used}`,
      }))
      .where('day', '=', lease.day)
      .execute();
  });
}

/** Today's spending, for the dashboard and tests. */
export async function getL2BudgetDay(db: Db, at: Date): Promise<{ day: string; tokensUsed: number; tokensReserved: number; calls: number; refused: number; inFlight: number }> {
  const day = utcDay(at);
  const row = await db.selectFrom('l2_budget_days').selectAll().where('day', '=', day).executeTakeFirst();
  const { count } = await db.selectFrom('l2_leases').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return {
    day,
    tokensUsed: Number(row?.tokens_used ?? 0),
    tokensReserved: Number(row?.tokens_reserved ?? 0),
    calls: row?.calls ?? 0,
    refused: row?.refused ?? 0,
    inFlight: Number(count),
  };
}
