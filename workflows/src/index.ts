// The workflowsPath entry: every workflow type the central worker registers.
export { pingSite } from './diagnostics/ping-site.workflow.js';
export { exportWorkflowHistory } from './evidence/export-history.workflow.js';
export { anchorEvidence } from './evidence/anchor-evidence.workflow.js';
export { upgradeAnchorProof } from './evidence/upgrade-anchor.workflow.js';
