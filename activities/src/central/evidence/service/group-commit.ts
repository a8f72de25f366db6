/**
 * Group commit per key: callers submit items one by one; while a batch for a key is being written,
 * new items for that key wait and go together into the next batch. One site's evidence from many
 * concurrent workflows thus costs one lock, one checkpoint and one anchor-log entry per batch
 * instead of per bundle, and a slow store makes batches larger rather than queues longer.
 */
export class GroupCommit<I, R> {
  private readonly queues = new Map<string, { items: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[]; running: boolean }>();

  constructor(
    private readonly write: (key: string, items: I[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`batch size ${maxBatch} is not a positive integer`);
  }

  submit(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) {
        q = { items: [], running: false };
        this.queues.set(key, q);
      }
      q.items.push({ item, resolve, reject });
      if (!q.running) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const q = this.queues.get(key)!;
    q.running = true;
    while (q.items.length > 0) {
      const batch = q.items.splice(0, this.maxBatch);
      try {
        const results = await this.write(key, batch.map((b) => b.item));
        if (results.length !== batch.length) throw new Error(`batch writer returned ${results.length} results for ${batch.length} items`);
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        // Every caller of a failed batch sees the failure and retries on its own; nothing was logged.
        for (const b of batch) b.reject(err);
      }
    }
    q.running = false;
    this.queues.delete(key);
  }
}
