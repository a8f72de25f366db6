export { Catalogue, defaultCatalogueRoot, loadCatalogue } from './catalogue.js';
export { CatalogueError, formatProblem, type CatalogueProblem } from './problems.js';
export { ParamsError, ROLLBACK_BEFORE_PARAM } from './params.js';
export { ACTION_OUTPUT_SCHEMA } from './output-schema.js';
export { sha256Hex, type PhaseScript } from './scripts.js';
export type { CheckOutcome } from './check-result.js';
export * from './types.js';
export { coverageReport, isGroupingRow, postureControls, type CoverageRow, type FrameworkCoverage } from './coverage.js';
