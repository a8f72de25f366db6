import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KitSource } from '../verify/source.js';

/** A kit on disk. Paths are listed relative to `root` with "/" separators; symlinks are not followed. */
export function directorySource(root: string): KitSource {
  return {
    async list() {
      const out: string[] = [];
      const walk = async (dir: string, prefix: string) => {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
          if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel);
          else out.push(rel);
        }
      };
      await walk(root, '');
      return out;
    },
    async read(rel) {
      try {
        return new Uint8Array(await readFile(path.join(root, ...rel.split('/'))));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}

export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Writes an in-memory kit (from buildKit) to `root`, which must not exist or be empty. */
export async function writeKitDirectory(root: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await mkdir(root, { recursive: true });
  if ((await readdir(root)).length > 0) throw new Error(`${root} is not empty; refusing to mix kits`);
  for (const [rel, bytes] of files) {
    const target = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes, { flag: 'wx' });
  }
}
