/**
 * Parses one YAML file keeping positions, so any problem found later (schema, cross-check, script
 * lint) can be reported at the line of the field concerned.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { CatalogueProblem, ProblemList } from './problems.js';

export type PathSegment = string | number;

export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** Line/column of the node at `path` (or of its closest existing ancestor). */
  locate(path: readonly PathSegment[], opts?: { key?: boolean }): { line: number; column: number };
  /** Records a problem at `path`. */
  problem(problems: ProblemList, path: readonly PathSegment[], message: string, opts?: { key?: boolean }): void;
}

export function fieldName(path: readonly PathSegment[]): string {
  return path.join('.');
}

/** Returns undefined (after recording problems) when the text is not one well-formed YAML document. */
export function parseYamlSource(file: string, text: string, problems: ProblemList): YamlSource | undefined {
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      problems.add({ file, line: pos.line, column: pos.col, field: '', message: `YAML: ${e.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const position = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: readonly PathSegment[], opts: { key?: boolean } = {}) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let at = node?.range ? position(node.range[0]) : { line: 1, column: 1 };
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) at = position(keyNode.range[0]);
        if (opts.key && i === path.length - 1) break;
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg] as Node | null;
      } else {
        break;
      }
      if (node?.range) at = position(node.range[0]);
    }
    return at;
  };
  return {
    file,
    value: doc.toJS({ maxAliasCount: 100 }),
    locate,
    problem(list, path, message, opts) {
      const at = locate(path, opts);
      const p: CatalogueProblem = { file, line: at.line, column: at.column, field: fieldName(path), message };
      list.add(p);
    },
  };
}

/** Splits an ajv instancePath (`/check/pass/all/0`) into segments, numbers for array indexes. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}
