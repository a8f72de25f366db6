import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { memorySource } from '@custos/evidence';
import type { KitSource } from '@custos/evidence';
import { directorySource, writeKitDirectory } from '@custos/evidence/node';

// Kits on disk: a directory (what `custos verify` reads) or a zip of the same tree.

export async function writeKit(out: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  if (!out.toLowerCase().endsWith('.zip')) return writeKitDirectory(out, files);
  if (existsSync(out)) throw new Error(`${out} already exists; refusing to overwrite a kit`);
  // Fixed timestamps: the same kit always zips to the same bytes.
  const mtime = new Date('2000-01-01T00:00:00Z');
  const entries: Zippable = Object.fromEntries([...files].map(([p, bytes]) => [p, [bytes, { mtime }]]));
  await writeFile(out, zipSync(entries), { flag: 'wx' });
}

const MAX_ZIP_BYTES = 2 * 1024 * 1024 * 1024;

/** Opens a kit directory or zip for reading; undefined if `p` is neither. */
export async function openKit(p: string): Promise<KitSource | undefined> {
  const s = await stat(p).catch(() => undefined);
  if (!s) return undefined;
  if (s.isDirectory()) return directorySource(p);
  if (!p.toLowerCase().endsWith('.zip')) return undefined;
  if (s.size > MAX_ZIP_BYTES) throw new Error(`${p} is ${s.size} bytes; unzip it and pass the directory`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await readFile(p)));
  } catch (err) {
    throw new Error(`${p} is not a readable zip (${(err as Error).message})`, { cause: err });
  }
  // Directory entries end in "/" and carry no data.
  return memorySource(new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/'))));
}

export async function isEmptyOrMissing(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => undefined);
  if (!s) return true;
  return s.isDirectory() && (await readdir(dir)).length === 0;
}
