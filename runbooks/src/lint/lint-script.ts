/** All script checks for one catalogue script body: grammar, convention, injection. */
import { conventionFindings } from './convention.js';
import { injectionFindings } from './injection.js';
import { parsePowerShell } from './powershell-parser.js';
import { syntaxFindings, type GrammarGap, type ScriptFinding } from './syntax-check.js';

export interface ScriptLint {
  readonly findings: readonly ScriptFinding[];
  /** Ids of grammar gaps this script relied on. */
  readonly gapsUsed: readonly string[];
}

export function lintScript(body: string, gaps: readonly GrammarGap[] = []): ScriptLint {
  const syntax = syntaxFindings(body, gaps);
  const root = parsePowerShell(body).rootNode;
  const findings = [...syntax.findings, ...conventionFindings(root), ...injectionFindings(root)];
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { findings, gapsUsed: syntax.gapsUsed };
}
