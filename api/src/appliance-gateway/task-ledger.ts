/**
 * Binds delivered activity tasks to the appliance they went to (persisted in PostgreSQL, so a
 * gateway restart or a second gateway replica still recognises them).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { forgetDeliveredTask, recordDeliveredTask, wasTaskDeliveredTo, type Database } from '@custos/db';
import type { ApplianceCaller } from './policy.js';
import { durationMs } from './wire.js';

/** How long after a task's start-to-close timeout the gateway still accepts an answer (clock skew, slow networks). */
const GRACE_MS = 5 * 60_000;
/** When the task carries no timeout at all (the server always sets one; defensive). */
const FALLBACK_MS = 24 * 3600_000;

const hash = (token: Uint8Array) => createHash('sha256').update(token).digest();

export interface DeliveredTask {
  taskToken?: Uint8Array | null;
  workflowExecution?: { workflowId?: string | null } | null;
  activityId?: string | null;
  startToCloseTimeout?: { seconds?: unknown; nanos?: number | null } | null;
  scheduleToCloseTimeout?: { seconds?: unknown; nanos?: number | null } | null;
}

export class TaskLedger {
  constructor(private readonly db: Kysely<Database>) {}

  async delivered(task: DeliveredTask, caller: ApplianceCaller, now: Date): Promise<void> {
    const ttl = durationMs(task.startToCloseTimeout) ?? durationMs(task.scheduleToCloseTimeout) ?? FALLBACK_MS;
    await recordDeliveredTask(this.db, {
      tokenSha256: hash(task.taskToken!),
      applianceId: caller.applianceId,
      siteId: caller.siteId,
      workflowId: task.workflowExecution?.workflowId ?? '',
      activityId: task.activityId ?? '',
      expiresAt: new Date(now.getTime() + ttl + GRACE_MS),
    });
  }

  isFor(token: Uint8Array, caller: ApplianceCaller, now: Date): Promise<boolean> {
    return token.length === 0 ? Promise.resolve(false) : wasTaskDeliveredTo(this.db, { tokenSha256: hash(token), applianceId: caller.applianceId, now });
  }

  forget(token: Uint8Array): Promise<void> {
    return forgetDeliveredTask(this.db, hash(token));
  }
}
