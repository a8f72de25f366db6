// Message contracts callers (API, dashboard) import to talk to running workflows, type-checked end to end.
export { decide, pendingPlan } from './approval/messages.js';
export { siteSnapshot, configureSite, claimCooldown, type SiteConfigUpdate } from './site/messages.js';
export { recordHealOutcome, activeRules, flywheelSnapshot, decidePromotion } from './flywheel/messages.js';
export { healWorkflowId, type HealInput, type HealResult, type HealOutcome } from './heal/heal-types.js';
export type { ScanSiteInput } from './scan/scan-site.workflow.js';
export type { ScanSummary } from './scan/scan-tally.js';
export type { DiscoverSiteInput, DiscoverySummary } from './discovery/discover-site.workflow.js';
export type { FlywheelInput } from './flywheel/flywheel.workflow.js';
export type { CompliancePacketInput, CompliancePacketResult } from './reports/compliance-packet.workflow.js';
export { isPacketMonth } from './reports/packet-month.js';
