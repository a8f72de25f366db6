/** Reads runbooks/grammar-gaps.yaml: known gaps of the PowerShell grammar, with their rewrites. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { GrammarGap } from './syntax-check.js';

export interface GrammarGapEntry extends GrammarGap {
  readonly rewrite: string;
  readonly allow: boolean;
}

export function loadGrammarGaps(root: string): GrammarGapEntry[] {
  const file = join(root, 'grammar-gaps.yaml');
  const doc = parse(readFileSync(file, 'utf8')) as { gaps?: unknown };
  if (!Array.isArray(doc?.gaps)) throw new Error(`${file}: expected a "gaps" list`);
  return doc.gaps.map((g: Record<string, unknown>, i) => {
    for (const key of ['id', 'example', 'rewrite', 'reason', 'pattern'] as const) {
      if (typeof g[key] !== 'string' || (g[key] as string).length === 0) throw new Error(`${file}: gaps.${i}.${key} must be a non-empty string`);
    }
    if (typeof g.allow !== 'boolean') throw new Error(`${file}: gaps.${i}.allow must be true or false`);
    return g as unknown as GrammarGapEntry;
  });
}
