import { unzipSync } from 'fflate';
import { relativeKitPaths } from './kit-files.js';

/** The kit's files from a picked folder (each File knows its path inside it). */
export async function filesFromFolder(list: FileList | File[]): Promise<[string, ArrayBuffer][]> {
  const files = [...list];
  const paths = relativeKitPaths(files.map((f) => f.webkitRelativePath || f.name));
  return Promise.all(files.filter((f) => paths.has(f.webkitRelativePath || f.name)).map(async (f) => [paths.get(f.webkitRelativePath || f.name)!, await f.arrayBuffer()] as [string, ArrayBuffer]));
}

/** The kit's files from a .zip, unpacked in the browser. */
export async function filesFromZip(zip: File): Promise<[string, ArrayBuffer][]> {
  const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  const paths = relativeKitPaths(names);
  return names.filter((n) => paths.has(n)).map((n) => {
    const bytes = entries[n]!;
    return [paths.get(n)!, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer];
  });
}
