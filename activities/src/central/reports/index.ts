// The monthly compliance packet (issue 10): gather from verified evidence, render, store as evidence;
// client decisions (attestations, risk acceptances) recorded as evidence; the per-client Schedule.
export { createReportActivities, packetCatalogueOf, type ReportActivities, type GatherPacketRequest, type GatheredPacketResult, type StorePacketActivityRequest } from './report-activities.js';
export { packetCatalogue, attestableControls, PACKET_FRAMEWORKS, type PacketCatalogue, type AttestableControl } from './catalogue/packet-catalogue.js';
export { gatherPacketInput, type GatherDeps, type GatheredPacket } from './gather/gather-packet-input.js';
export { packetPeriod, InvalidMonth } from './gather/packet-period.js';
export { storePacket, type StorePacketRequest, type StoredPacket } from './store/store-packet.js';
export { packetFiles, packetArtefacts, type PacketFiles } from './store/packet-files.js';
export { partnerBranding } from './store/branding.js';
export { recordClientDecisions, type RecordedDecisions } from './store/record-decisions.js';
export { evidenceFacts, type EvidenceFacts, type HealDecision } from './evidence/evidence-facts.js';
export { DECISION_FOLDER, attestationEvidence, riskAcceptanceEvidence } from './evidence/client-decisions.js';
export { ensurePacketSchedule, removePacketSchedule, packetScheduleId, COMPLIANCE_PACKET_WORKFLOW } from './schedules/packet-schedules.js';
export { renderPacketPdf } from './render-packet-pdf.js';
