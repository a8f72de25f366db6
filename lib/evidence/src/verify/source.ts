// Where a kit's bytes come from: a directory (CLI, `@custos/evidence/node`), a zip or a File System
// Access handle (browser), or memory (tests). The verifier only needs listing and reading.

export interface KitSource {
  /** Every file path, relative, with "/" separators. */
  list(): Promise<string[]>;
  /** The file's bytes, or undefined if it does not exist. */
  read(path: string): Promise<Uint8Array | undefined>;
}

export function memorySource(files: ReadonlyMap<string, Uint8Array>): KitSource {
  return {
    list: () => Promise.resolve([...files.keys()]),
    read: (path) => Promise.resolve(files.get(path)),
  };
}
