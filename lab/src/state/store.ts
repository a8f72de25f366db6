/**
 * Persistence of a lab site under its state directory (default `.stack/lab/`): one JSON file per host and the
 * remediation application log as JSON lines. Files are replaced atomically (write to a temp file, then rename), so
 * a crash never leaves a half-written host.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

export function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`lab state: ${path} is not valid JSON (${(err as Error).message}); fix or delete it`, { cause: err });
  }
}

export class SiteStore {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'hosts'), { recursive: true });
  }

  hostPath(name: string): string {
    return join(this.dir, 'hosts', `${name}.json`);
  }

  get sitePath(): string {
    return join(this.dir, 'site.json');
  }

  appendApplication(record: unknown): void {
    appendFileSync(join(this.dir, 'applications.jsonl'), `${JSON.stringify(record)}\n`);
  }

  readApplications<T>(): T[] {
    const path = join(this.dir, 'applications.jsonl');
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
  }
}
