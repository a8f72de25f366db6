/**
 * An independent PowerShell grammar (tree-sitter-powershell, prebuilt binary: no install script)
 * so every catalogue script is parsed on machines that have no PowerShell. The grammar rejects a
 * few valid forms; see grammar-gaps.ts and runbooks/grammar-gaps.yaml.
 */
import Parser from 'tree-sitter';
// The package's "main" points at a folder, which ESM resolution only accepts with a warning.
import PowerShell from 'tree-sitter-powershell/bindings/node/index.js';

export type SyntaxNode = Parser.SyntaxNode;

let parser: Parser | undefined;

export function parsePowerShell(text: string): Parser.Tree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(PowerShell as unknown as Parser.Language);
  }
  return parser.parse(text);
}

/** Depth-first walk over named nodes. */
export function* namedDescendants(node: SyntaxNode): Generator<SyntaxNode> {
  yield node;
  for (const child of node.namedChildren) yield* namedDescendants(child);
}

/** `$Env:Path` → `env:path`; `$script:x`, `${x}`, `@x` → `x`. Case-insensitive like PowerShell. */
export function variableName(node: SyntaxNode): string {
  let t = node.text.replace(/^[$@]/, '');
  if (t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1);
  return t.replace(/^(script|global|local|private|using):/i, '').toLowerCase();
}

/** Position as 1-based line and column. */
export function positionOf(node: SyntaxNode): { line: number; column: number } {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}
