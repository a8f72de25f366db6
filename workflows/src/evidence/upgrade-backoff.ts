// When an OpenTimestamps upgrade workflow wakes next; pure so it is tested without Temporal.

/** Next time (seconds after submission) worth waking for: a retry, or the alert deadline. */
export function nextWake(ageSeconds: number, retryAt: readonly number[], thenEvery: number, alertAt: number | undefined): number {
  const last = retryAt.length > 0 ? retryAt[retryAt.length - 1]! : 0;
  const retry = retryAt.find((t) => t > ageSeconds) ?? last + Math.ceil((ageSeconds - last + 1) / thenEvery) * thenEvery;
  return alertAt !== undefined && alertAt > ageSeconds ? Math.min(retry, alertAt) : retry;
}
