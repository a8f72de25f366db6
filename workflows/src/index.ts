// The workflowsPath entry: every workflow type the central worker registers.
export { pingSite } from './diagnostics/ping-site.workflow.js';
export { exportWorkflowHistory } from './evidence/export-history.workflow.js';
export { anchorEvidence } from './evidence/anchor-evidence.workflow.js';
export { upgradeAnchorProof } from './evidence/upgrade-anchor.workflow.js';
export { scanSite } from './scan/scan-site.workflow.js';
export { discoverSite } from './discovery/discover-site.workflow.js';
export { heal } from './heal/heal.workflow.js';
export { siteEntity } from './site/site-entity.workflow.js';
export { flywheel } from './flywheel/flywheel.workflow.js';
export { compliancePacket } from './reports/compliance-packet.workflow.js';
export { recordClientDecisionEvidence } from './reports/record-client-decisions.workflow.js';
