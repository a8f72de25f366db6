// The evidence service: central activities that sign, store (Object Lock), log and anchor evidence,
// plus the pieces the CLI reuses (export, posture) to read it back.
export { createEvidenceActivities, type EvidenceActivityDeps, type RecordEvidenceInput } from './activities.js';
export {
  EVIDENCE_CONFIG_KEYS,
  anchoringSettingsOf,
  evidenceActivityDepsFromConfig,
  evidenceServiceFromConfig,
  readPemCertificates,
  trustSettingsOf,
  workflowCodeFromFile,
  type EvidenceConfig,
} from './evidence-deps.js';
export { EvidenceService, type EvidenceAgent, type EvidenceServiceDeps, type RecordedEvidence } from './service/evidence-service.js';
export { InvalidEvidenceRequest, type Artefact, type EvidenceRequest } from './service/request.js';
export { AnchorService, AnchorNotFound, type AnchoringSettings, type SubmitResult, type TimestampResult, type UpgradeResult } from './anchoring/anchor-service.js';
export { fetchBlockHeader } from './anchoring/header-source.js';
export { exportClosedHistory, historyArtefactName, workflowCodeArtefactName, type ClosedWorkflowRef, type HistoryExportResult, type WorkflowCode } from './history/history-exporter.js';
export { historyFacts, bundleHashOfBuildId, HistoryFormatError, type HistoryFacts } from './history/history-facts.js';
export { evidenceKeys, logKeyName, type EvidenceKeys, type EvidenceKeySeeds } from './keys/evidence-keys.js';
export { loadTrust, publishedTrust, assertKeyTrusted, KeyNotTrusted, type PublishedTrust, type TrustSettings } from './keys/trust-registry.js';
export { withSiteLog, SiteLogSession, type SiteRef, type StoredEnvelope, type SiteCheckpoint } from './log/site-log-writer.js';
export { appendToAnchorLog, checkpointAnchorLog, type AnchorCheckpoint } from './log/anchor-log.js';
export { evidenceDb, type EvidenceDb, type EvidenceDatabase, type ArtefactRef } from './db/tables.js';
export { MinioObjectStore, minioClient, type MinioStoreOptions } from './store/minio-object-store.js';
export { ObjectLockMissing, ObjectMissing, RetentionNotApplied, type LockedObject, type ObjectStore, type ObjectRetention, type StoredObjectInfo } from './store/object-store.js';
export { evidenceKeys as evidenceObjectKeys } from './store/object-keys.js';
export { retainUntil, type RetentionPolicy } from './store/retention.js';
export { collectKitInput, ExportError, type KitSelection, type ExportProgress } from './export/collect-kit.js';
export { liveBundles, verifiedArtefact, verifiedJsonArtefact, UnverifiedEvidence, type VerifiedBundle, type LiveBundleOptions, type ReadProgress } from './read/verified-bundles.js';
export { ensureAnchoringSchedule, type AnchoringScheduleOptions } from './schedule.js';
