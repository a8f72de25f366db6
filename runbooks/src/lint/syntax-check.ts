/**
 * Parse errors of a script: ERROR and MISSING nodes of the tree-sitter tree, minus the documented
 * grammar gaps (runbooks/grammar-gaps.yaml) whose pattern matches a source line the error spans.
 */
import { namedDescendants, parsePowerShell, positionOf, type SyntaxNode } from './powershell-parser.js';

export interface GrammarGap {
  readonly id: string;
  /** Regex matched against the source line where the grammar reports the error. */
  readonly pattern: string;
  readonly example: string;
  readonly reason: string;
}

export interface ScriptFinding {
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

function errorNodes(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.isMissing) out.push(n);
    else if (n.type === 'ERROR') {
      out.push(n);
      return; // one finding per error region
    }
    for (const c of n.children) visit(c);
  };
  visit(root);
  return out;
}

export function syntaxFindings(script: string, gaps: readonly GrammarGap[] = []): { findings: ScriptFinding[]; gapsUsed: string[] } {
  const tree = parsePowerShell(script);
  const lines = script.split('\n');
  const findings: ScriptFinding[] = [];
  const gapsUsed = new Set<string>();
  if (!tree.rootNode.hasError) return { findings, gapsUsed: [] };
  for (const node of errorNodes(tree.rootNode)) {
    const { line, column } = positionOf(node);
    // Error recovery can start the ERROR node lines before the construct at fault: match every line it spans.
    const spanned = lines.slice(node.startPosition.row, node.endPosition.row + 1);
    const gap = gaps.find((g) => spanned.some((l) => new RegExp(g.pattern, 'u').test(l)));
    if (gap) {
      gapsUsed.add(gap.id);
      continue;
    }
    const what = node.isMissing ? `missing ${node.type}` : `cannot parse "${node.text.split('\n')[0]!.slice(0, 60)}"`;
    findings.push({ line, column, rule: 'parse-error', message: `PowerShell grammar: ${what}` });
  }
  // The walk above may miss an error flagged only through hasError on a subtree; never pass silently.
  if (findings.length === 0 && gapsUsed.size === 0) findings.push({ line: 1, column: 1, rule: 'parse-error', message: 'PowerShell grammar reports an error' });
  return { findings, gapsUsed: [...gapsUsed] };
}

export { namedDescendants };
