/** Reads every YAML file of one catalogue folder, in name order, as positioned sources. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProblemList } from './problems.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/** `onUnparsed` hears of .yaml files that are not well-formed YAML (their problems are already recorded). */
export function readYamlFolder(root: string, folder: string, problems: ProblemList, opts: { required: boolean; onUnparsed?: (name: string) => void }): YamlSource[] {
  const dir = join(root, folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    if (opts.required) problems.add({ file: folder, line: 0, column: 0, field: '', message: 'folder is missing' });
    return [];
  }
  const sources: YamlSource[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = `${folder}/${name}`;
    if (name.startsWith('.') || name.endsWith('.md')) continue;
    if (!name.endsWith('.yaml')) {
      problems.add({ file, line: 0, column: 0, field: '', message: 'catalogue files end in .yaml (this one would be ignored)' });
      continue;
    }
    const source = parseYamlSource(file, readFileSync(join(dir, name), 'utf8'), problems);
    if (source) sources.push(source);
    else opts.onUnparsed?.(name);
  }
  return sources;
}
