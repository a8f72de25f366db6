/**
 * The script lint (PowerShell grammar, script convention, injection), as `@custos/runbooks/lint`.
 * Kept out of the main entry point so that loading the catalogue never loads the native grammar.
 */
export { lintCatalogueScripts, type CatalogueScriptFinding } from './lint-catalogue.js';
export { lintScript, type ScriptLint } from './lint-script.js';
export { loadGrammarGaps, type GrammarGapEntry } from './grammar-gaps.js';
export type { ScriptFinding, GrammarGap } from './syntax-check.js';
