/**
 * Lints every script of a loaded catalogue (grammar, convention, injection) and reports findings at
 * their line in the runbook file. Used by the test suite; the loader itself does not need the native
 * grammar, so appliances and workers never load it.
 */
import type { Catalogue } from '../catalogue.js';
import { PHASES } from '../types.js';
import { loadGrammarGaps } from './grammar-gaps.js';
import { lintScript } from './lint-script.js';

export interface CatalogueScriptFinding {
  readonly file: string;
  readonly line: number;
  readonly runbookId: string;
  readonly phase: string;
  readonly rule: string;
  readonly message: string;
}

export function lintCatalogueScripts(catalogue: Catalogue, root: string): { findings: CatalogueScriptFinding[]; gapsUsed: Set<string>; scripts: number } {
  const gaps = loadGrammarGaps(root).filter((g) => g.allow);
  const findings: CatalogueScriptFinding[] = [];
  const gapsUsed = new Set<string>();
  let scripts = 0;
  for (const runbook of catalogue.runbooks) {
    for (const phase of PHASES) {
      // verify without its own script is the check script, already linted.
      if (phase === 'verify' && !runbook.verify) continue;
      const script = catalogue.script(runbook.id, runbook.version, phase);
      if (!script) continue;
      scripts++;
      const where = catalogue.scriptLocation(runbook.id, phase);
      const result = lintScript(script.body, gaps);
      result.gapsUsed.forEach((g) => gapsUsed.add(g));
      for (const f of result.findings) {
        findings.push({ file: where.file, line: where.line + f.line, runbookId: runbook.id, phase, rule: f.rule, message: f.message });
      }
    }
  }
  return { findings, gapsUsed, scripts };
}
