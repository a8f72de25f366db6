/**
 * The injection lint: no parameter value may become code. Parameters arrive as data ($Params); this
 * follows them through assignments, foreach loops and pipelines (flow-insensitively, so it can only
 * over-report) and flags any that reach a place where PowerShell or another interpreter would parse
 * them: a dynamic command name, Invoke-Expression, Start-Process arguments, cmd/powershell command
 * lines, scheduled-task actions, native command arguments (Windows PowerShell 5.1 does not escape
 * embedded quotes for native programs), script-block factories and ExpandString. A value cast to a
 * number, boolean, GUID or date (`[int]$Params.days`) is data by construction and ends the taint.
 * Code-from-string primitives are banned outright, tainted or not: a catalogue script never needs
 * them and a flow analysis can be fooled.
 */
import { namedDescendants, positionOf, variableName, type SyntaxNode } from './powershell-parser.js';
import type { ScriptFinding } from './syntax-check.js';

const BANNED_COMMANDS = new Set(['invoke-expression', 'iex', 'add-type']);
const BANNED_METHODS = new Set(['newscriptblock', 'invokescript', 'addscript', 'expandstring']);
/** Commands whose arguments are (or become) command lines or code. */
const SINK_COMMANDS = new Set([
  'start-process', 'saps', 'start', 'invoke-command', 'icm', 'new-scheduledtaskaction', 'register-scheduledjob', 'start-job',
  'invoke-wmimethod', 'invoke-cimmethod', 'cmd', 'powershell', 'pwsh', 'schtasks', 'wmic', 'wscript', 'cscript', 'mshta', 'rundll32',
]);
/** Native programs catalogue scripts call; their arguments must not carry parameter values. */
const NATIVE_PROGRAMS = new Set([
  'auditpol', 'net', 'net1', 'secedit', 'netsh', 'wevtutil', 'w32tm', 'reg', 'sc', 'repadmin', 'bcdedit', 'vssadmin', 'fsutil',
  'gpupdate', 'gpresult', 'certutil', 'nltest', 'icacls', 'takeown', 'wbadmin', 'manage-bde', 'dism', 'sfc', 'chkdsk', 'shutdown', 'ipconfig', 'nslookup',
]);

function commandNameOf(cmd: SyntaxNode): { text: string; node: SyntaxNode } | undefined {
  const direct = cmd.namedChildren.find((c) => c.type === 'command_name');
  if (direct) return { text: direct.text.toLowerCase().replace(/\.exe$/, ''), node: direct };
  const expr = cmd.namedChildren.find((c) => c.type === 'command_name_expr');
  if (!expr) return undefined;
  const inner = expr.namedChildren.find((c) => c.type === 'command_name');
  return { text: (inner ?? expr).text.toLowerCase().replace(/^['"]|['"]$/g, '').replace(/\.exe$/, ''), node: expr };
}

/** Casts whose result cannot carry code: a number, a boolean, a GUID, a date, or a failed cast. */
const SANITIZING_CASTS = /^\[\s*(int|int16|int32|int64|uint16|uint32|uint64|long|byte|double|decimal|single|bool|boolean|switch|guid|datetime|timespan)\s*\]$/i;

function sanitizedBy(n: SyntaxNode, stop: SyntaxNode): boolean {
  for (let p = n.parent; p && p.id !== stop.id; p = p.parent) {
    if (p.type === 'cast_expression') {
      const type = p.namedChildren.find((c) => c.type === 'type_literal');
      if (type && SANITIZING_CASTS.test(type.text)) return true;
    }
  }
  return false;
}

function isTaintedIn(node: SyntaxNode, tainted: ReadonlySet<string>): SyntaxNode | undefined {
  for (const n of namedDescendants(node)) if (n.type === 'variable' && tainted.has(variableName(n)) && !sanitizedBy(n, node)) return n;
  return undefined;
}

/** Variables that may hold (part of) a parameter value. */
export function taintedVariables(root: SyntaxNode): Set<string> {
  const tainted = new Set<string>(['params']);
  for (const fn of root.descendantsOfType('function_statement')) {
    // A function may be called with parameter values; treat every function parameter as tainted.
    for (const p of fn.descendantsOfType('script_parameter')) {
      const v = p.namedChildren.find((c) => c.type === 'variable');
      if (v) tainted.add(variableName(v));
    }
  }
  const assignments = root.descendantsOfType('assignment_expression');
  const loops = root.descendantsOfType('foreach_statement');
  const chains = root.descendantsOfType('pipeline_chain');
  const switches = root.descendantsOfType('switch_condition');
  let grew = true;
  while (grew) {
    const before = tainted.size;
    for (const a of assignments) {
      const [lhs, , rhs] = a.namedChildren;
      const target = lhs?.descendantsOfType('variable')[0];
      if (target && rhs && isTaintedIn(rhs, tainted)) tainted.add(variableName(target));
    }
    for (const loop of loops) {
      const [v, source] = loop.namedChildren;
      if (v?.type === 'variable' && source && isTaintedIn(source, tainted)) tainted.add(variableName(v));
    }
    for (const chain of chains) {
      const elements = chain.namedChildren;
      if (elements.slice(0, -1).some((e) => isTaintedIn(e, tainted))) {
        tainted.add('_');
        tainted.add('psitem');
      }
    }
    for (const s of switches) {
      if (isTaintedIn(s, tainted)) tainted.add('_');
    }
    grew = tainted.size > before;
  }
  return tainted;
}

export function injectionFindings(root: SyntaxNode): ScriptFinding[] {
  const findings: ScriptFinding[] = [];
  const add = (node: SyntaxNode, rule: string, message: string) => findings.push({ ...positionOf(node), rule, message });
  const tainted = taintedVariables(root);

  for (const cmd of root.descendantsOfType('command')) {
    const name = commandNameOf(cmd);
    if (!name) continue;
    const dynamicName = name.node.type === 'command_name_expr' && name.node.namedChildren.some((c) => c.type !== 'command_name');
    if (dynamicName) {
      const t = isTaintedIn(name.node, tainted);
      if (t) add(t, 'tainted-command-name', `a parameter value (${t.text}) chooses the command to run`);
    }
    if (BANNED_COMMANDS.has(name.text)) {
      add(name.node, 'banned-command', `${name.node.text} turns strings into code; catalogue scripts may not use it`);
      continue;
    }
    const elements = cmd.namedChildren.find((c) => c.type === 'command_elements');
    if (!elements) continue;
    const t = isTaintedIn(elements, tainted);
    if (!t) continue;
    if (SINK_COMMANDS.has(name.text)) add(t, 'tainted-sink', `a parameter value (${t.text}) reaches ${name.node.text}, which runs it as a command line or code`);
    else if (NATIVE_PROGRAMS.has(name.text)) add(t, 'tainted-native-argument', `a parameter value (${t.text}) reaches the arguments of ${name.node.text}; PowerShell 5.1 does not escape quotes for native programs`);
  }

  for (const call of root.descendantsOfType('invokation_expression')) {
    const member = call.namedChildren.find((c) => c.type === 'member_name')?.text.toLowerCase();
    if (!member) continue;
    const target = call.namedChildren[0];
    const onScriptBlockType = target?.type === 'type_literal' && /^\[\s*(system\.management\.automation\.)?scriptblock\s*\]$/i.test(target.text);
    if ((member === 'create' && onScriptBlockType) || BANNED_METHODS.has(member)) {
      add(call, 'banned-method', `${target?.text ?? ''}::${member} builds code from a string; catalogue scripts may not use it`);
    }
  }
  return findings;
}
