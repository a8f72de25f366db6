import { Context } from '@temporalio/activity';

/**
 * Heartbeats every few seconds while `work` runs, so a remediation that takes minutes is not taken
 * for a dead appliance, while a crashed appliance is noticed within the heartbeat timeout.
 */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 2_000): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
