/**
 * The binding script convention (lib/winrm/README.md): a body starts with `param($Params)`, reports
 * by calling `Emit` exactly once, and ends with `exit 0` — a non-zero exit means the script could
 * not run, never that a check failed, so no other `exit` is allowed. Scripts also leave
 * `$ErrorActionPreference` alone: the bootstrap sets it to Stop so failures cannot pass silently.
 */
import { namedDescendants, positionOf, variableName, type SyntaxNode } from './powershell-parser.js';
import type { ScriptFinding } from './syntax-check.js';

function commandName(cmd: SyntaxNode): string | undefined {
  const name = cmd.namedChildren.find((c) => c.type === 'command_name');
  return name?.text.toLowerCase();
}

export function conventionFindings(root: SyntaxNode): ScriptFinding[] {
  const findings: ScriptFinding[] = [];
  const add = (node: SyntaxNode, rule: string, message: string) => findings.push({ ...positionOf(node), rule, message });

  const first = root.namedChildren.find((c) => c.type !== 'comment');
  const params = first?.type === 'param_block' ? first.descendantsOfType('script_parameter') : [];
  if (first?.type !== 'param_block' || params.length !== 1 || params[0]!.namedChildren.find((c) => c.type === 'variable')?.text !== '$Params') {
    add(first ?? root, 'param-block', 'a catalogue script starts with param($Params) and declares nothing else');
  }

  const emits = [...namedDescendants(root)].filter((n) => n.type === 'command' && commandName(n) === 'emit');
  if (emits.length !== 1) add(emits[1] ?? root, 'emit-once', `a script calls Emit exactly once (found ${emits.length})`);

  const body = root.namedChildren.find((c) => c.type === 'statement_list');
  const statements = (body?.namedChildren ?? []).filter((c) => c.type !== 'comment');
  const last = statements[statements.length - 1];
  const exits = [...namedDescendants(root)].filter((n) => n.type === 'flow_control_statement' && /^exit\b/i.test(n.text));
  if (!last || last.type !== 'flow_control_statement' || !/^exit\s+0$/i.test(last.text.trim())) add(last ?? root, 'exit-zero', 'a script ends with exit 0');
  for (const e of exits) if (e !== last) add(e, 'exit-zero', 'only the final exit 0 is allowed: a failed check is reported through Emit, not an exit code');

  for (const a of root.descendantsOfType('assignment_expression')) {
    const target = a.namedChildren[0]?.descendantsOfType('variable')[0];
    if (target && variableName(target) === 'erroractionpreference') add(a, 'error-preference', 'do not change $ErrorActionPreference; use -ErrorAction on the one command that may fail');
  }
  return findings;
}
