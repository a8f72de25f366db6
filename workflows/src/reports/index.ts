export { compliancePacket, type CompliancePacketInput, type CompliancePacketResult } from './compliance-packet.workflow.js';
export { recordClientDecisionEvidence } from './record-client-decisions.workflow.js';
export { isPacketMonth, previousMonth, monthIsOver } from './packet-month.js';
