/**
 * The appliance's write-ahead journal of remediations and rollbacks, keyed by idempotency key
 * (workflow id + step). `intent` is made durable (fsync) before a script is sent and `done` after it
 * returned, so after a crash a retry can tell "finished" (return the recorded result), "maybe sent"
 * (re-check the host before sending again) and "never sent". One JSON line per record.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync, existsSync } from 'node:fs';
import path from 'node:path';

export type JournalEntry = { state: 'intent'; key: string; at: string } | { state: 'done'; key: string; at: string; result: unknown };

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

export class RemediationJournal {
  private readonly entries = new Map<string, JournalEntry>();
  private readonly fd: number;

  private constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file)) this.load();
    this.fd = openSync(file, 'a');
  }

  static open(dir: string): RemediationJournal {
    return new RemediationJournal(path.join(dir, 'remediations.jsonl'));
  }

  private load(): void {
    const lines = readFileSync(this.file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        // A torn last line is what a crash during append leaves; anything else is corruption.
        if (i >= lines.length - 2) return;
        throw new JournalError(`${this.file}:${i + 1}: not a JSON journal record`);
      }
      if (typeof entry?.key !== 'string' || (entry.state !== 'intent' && entry.state !== 'done')) throw new JournalError(`${this.file}:${i + 1}: not a journal record`);
      const previous = this.entries.get(entry.key);
      if (previous?.state !== 'done') this.entries.set(entry.key, entry);
    });
  }

  get(key: string): JournalEntry | undefined {
    return this.entries.get(key);
  }

  intent(key: string): void {
    this.append({ state: 'intent', key, at: new Date().toISOString() });
  }

  done(key: string, result: unknown): void {
    this.append({ state: 'done', key, at: new Date().toISOString(), result });
  }

  close(): void {
    closeSync(this.fd);
  }

  private append(entry: JournalEntry): void {
    writeSync(this.fd, JSON.stringify(entry) + '\n');
    fsyncSync(this.fd);
    this.entries.set(entry.key, entry);
  }
}
